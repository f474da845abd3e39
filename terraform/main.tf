# The Retrieval Gateway's AWS dev stack: one Lambda function behind one API Gateway HTTP API, a
# Cognito user pool as the token issuer, and the CloudWatch logs and alarms the runbook names.
# The request path: client -> HTTP API ($default stage, throttling backstop, access log)
# -> Lambda (the gateway verifies the Cognito ID token itself) -> the store: in memory in each
# instance (store = "memory"), or one Amazon OpenSearch Service domain (store = "opensearch").

provider "aws" {
  region = var.region

  # Every resource carries these tags, so that the cost of one environment can be found and
  # anything left behind after `make destroy-dev` is easy to spot.
  default_tags {
    tags = merge(var.extra_tags, {
      Project     = "retrieval-gateway"
      Environment = var.env_prefix
      ManagedBy   = "terraform"
    })
  }
}

locals {
  name          = var.env_prefix
  function_name = "${var.env_prefix}-gateway"

  # `make package` writes the zip into service/target; deploy-dev passes another path for
  # `REF=...` (a zip built from a clean checkout of that ref).
  lambda_zip_path = coalesce(var.lambda_zip_path, "${path.module}/../service/target/gateway-lambda.zip")

  # Cognito ID tokens name the pool as issuer and the app client as audience; the keys are at
  # the issuer's well-known JWKS address. The gateway checks all three itself.
  jwt_issuer   = "https://${aws_cognito_user_pool.this.endpoint}"
  jwt_audience = aws_cognito_user_pool_client.smoke.id
  jwt_jwks_url = "https://${aws_cognito_user_pool.this.endpoint}/.well-known/jwks.json"

  # CloudWatch namespace of the metrics this stack derives from logs.
  metrics_namespace = "RetrievalGateway/${var.env_prefix}"

  alarm_actions = var.alarm_sns_topic_arn == null ? [] : [var.alarm_sns_topic_arn]
}
