# The function's role: it may write its own log lines and, with store = "opensearch", send HTTP
# requests to its own domain (opensearch.tf, beside the domain); nothing else. No wildcard action, no managed *FullAccess policy (not
# even AWSLambdaBasicExecutionRole, which may create and write to any log group in the account).

resource "aws_iam_role" "function" {
  name        = "${local.function_name}-role"
  description = "Execution role of ${local.function_name}: writes its own logs only"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "function_logs" {
  name = "write-own-log-group"
  role = aws_iam_role.function.id

  # No logs:CreateLogGroup: Terraform creates the group (with its retention) beforehand.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "WriteOwnLogGroup"
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.function.arn}:*"
    }]
  })
}
