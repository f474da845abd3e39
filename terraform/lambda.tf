# The gateway as one Lambda function. The same Helidon router serves it locally and here (see
# ARCHITECTURE.md, "One HTTP stack for both deployments"), so the contract holds unchanged.

locals {
  # The store settings (the service's GATEWAY_STORE and GATEWAY_OPENSEARCH_* environment). tomap()
  # on both sides: the two objects have different keys, and a conditional needs one type.
  store_environment = var.store == "opensearch" ? tomap({
    GATEWAY_STORE                 = "opensearch"
    GATEWAY_OPENSEARCH_URL        = "https://${aws_opensearch_domain.store[0].endpoint}"
    GATEWAY_OPENSEARCH_AUTH       = "aws-sigv4"
    GATEWAY_OPENSEARCH_AWS_REGION = var.region
    GATEWAY_OPENSEARCH_REPLICAS   = var.opensearch_replicas
    }) : tomap({
    GATEWAY_STORE = "memory"
  })
}

resource "aws_lambda_function" "gateway" {
  function_name = local.function_name
  # The deployed version is the runbook's first question when an alarm fires.
  description = "Retrieval Gateway ${var.deployed_version} (${var.env_prefix}): JWT mode, ${var.store} store"
  role        = aws_iam_role.function.arn

  # The runtime is the Java release the build targets (maven.compiler.release in pom.xml); a
  # policy test keeps the two equal.
  runtime       = "java21"
  handler       = "dev.retrievalgateway.lambda.ApiGatewayHandler::handleRequest"
  architectures = ["x86_64"]

  # The zip from `make package`: classes at the root, dependencies in lib/. The hash makes a
  # rebuilt zip a change Terraform sees; try() keeps `destroy` working when no zip exists.
  filename         = local.lambda_zip_path
  source_code_hash = try(filebase64sha256(local.lambda_zip_path), null)

  memory_size = var.lambda_memory_mb
  timeout     = var.lambda_timeout_s

  # 1 with the memory store: it lives in each instance, so a second instance would answer a read
  # without the write that came just before it. The OpenSearch store is shared by every instance,
  # so the limit is lifted (a variable that may not be 1; -1 reserves nothing).
  reserved_concurrent_executions = var.store == "opensearch" ? var.lambda_reserved_concurrency : 1

  # SnapStart works only on published versions; the API then invokes that version (api.tf).
  publish = var.snapstart_enabled
  snap_start {
    apply_on = var.snapstart_enabled ? "PublishedVersions" : "None"
  }

  # Plain text format: Lambda passes each line the service writes through unchanged, so the
  # service's one-JSON-object-per-line logs stay what the metric filter matches.
  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function.name
  }

  environment {
    variables = merge({
      # JWT mode only: the gateway verifies every token itself against the Cognito pool, so that
      # every auth failure answers with the contract's envelope. Header mode is never deployed.
      GATEWAY_AUTH_MODE         = "jwt"
      GATEWAY_JWT_ISSUER        = local.jwt_issuer
      GATEWAY_JWT_AUDIENCE      = local.jwt_audience
      GATEWAY_JWT_JWKS_URL      = local.jwt_jwks_url
      GATEWAY_JWT_CLAIMS_TENANT = "custom:tenant"
      GATEWAY_JWT_CLAIMS_ROLE   = "custom:role"
      GATEWAY_CORPUS_SEED       = "demo"
      JAVA_TOOL_OPTIONS         = var.java_tool_options
    }, local.store_environment)
  }

  lifecycle {
    precondition {
      condition     = fileexists(local.lambda_zip_path)
      error_message = "The function zip is missing: run `make package` (make deploy-dev does it first)."
    }
  }

  # The log group and the permission to write to it exist before the first invocation, so that
  # Lambda never creates a log group of its own (without retention); so do the store's grants.
  depends_on = [aws_iam_role_policy.function_logs, aws_iam_role_policy.function_opensearch, aws_opensearch_domain_policy.store]
}

# The function's log group, created here rather than by Lambda so that it has a retention.
resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/${local.function_name}"
  retention_in_days = 7
}

# The API is the only way in: it may invoke the function, nothing else may. No function URL
# exists (a policy test checks), and source_arn limits the permission to this API's routes.
resource "aws_lambda_permission" "api" {
  statement_id  = "AllowInvokeFromHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.gateway.function_name
  qualifier     = var.snapstart_enabled ? aws_lambda_function.gateway.version : null
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/*"
}
