# API Gateway HTTP API in front of the function. It adds no authorizer: the gateway verifies the
# Cognito token itself, so that every auth failure carries the contract's error envelope (an API
# Gateway JWT authorizer would answer 401 with its own body, and the gateway would lose the
# access_denied event).

resource "aws_apigatewayv2_api" "this" {
  name          = "${local.name}-api"
  description   = "Retrieval Gateway (${var.env_prefix})"
  protocol_type = "HTTP"
}

# Lambda proxy integration, payload format 2.0: the event the service's handler translates.
resource "aws_apigatewayv2_integration" "gateway" {
  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = var.snapstart_enabled ? aws_lambda_function.gateway.qualified_invoke_arn : aws_lambda_function.gateway.invoke_arn
  payload_format_version = "2.0"
}

# One catch-all route: every method and path reaches the gateway, which answers unknown paths
# with 404 and wrong methods with 405 in the contract's envelope.
resource "aws_apigatewayv2_route" "default" {
  api_id             = aws_apigatewayv2_api.this.id
  route_key          = "$default"
  target             = "integrations/${aws_apigatewayv2_integration.gateway.id}"
  authorization_type = "NONE"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  # A backstop above the gateway's own per-principal limits (50/s, burst 100). When it trips,
  # API Gateway answers 429 with its own body, not the contract's envelope: the one deviation
  # from the contract the README names.
  default_route_settings {
    throttling_rate_limit  = var.api_throttle_rate
    throttling_burst_limit = var.api_throttle_burst
  }

  # One JSON object per request. requestId is API Gateway's id, which the gateway logs as
  # apigw_request_id next to its own request_id. Never a header value: no Authorization, no
  # cookies, no token; only the path, never the query string.
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      requestTime        = "$context.requestTime"
      sourceIp           = "$context.identity.sourceIp"
      httpMethod         = "$context.httpMethod"
      path               = "$context.path"
      routeKey           = "$context.routeKey"
      protocol           = "$context.protocol"
      status             = "$context.status"
      responseLength     = "$context.responseLength"
      responseLatency    = "$context.responseLatency"
      integrationStatus  = "$context.integrationStatus"
      integrationLatency = "$context.integrationLatency"
      integrationError   = "$context.integrationErrorMessage"
      errorMessage       = "$context.error.message"
    })
  }
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${local.name}-api/access"
  retention_in_days = 7
}
