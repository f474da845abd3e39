# Outputs carry nothing secret: the demo passwords live in SSM SecureString parameters (see
# cognito.tf), so `terraform output -json` is safe to print and smoke-cloud reads it.

output "api_url" {
  description = "Base URL of the gateway (the HTTP API's $default stage)."
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "store" {
  description = "Where the corpus lives: memory or opensearch."
  value       = var.store
}

output "opensearch_endpoint" {
  description = "The OpenSearch domain's endpoint (https://...) with store = opensearch; null with memory."
  value       = var.store == "opensearch" ? "https://${aws_opensearch_domain.store[0].endpoint}" : null
}

output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.gateway.function_name
}

output "log_group" {
  description = "The function's CloudWatch log group (make logs-cloud)."
  value       = aws_cloudwatch_log_group.function.name
}

output "api_access_log_group" {
  description = "The HTTP API's access log group."
  value       = aws_cloudwatch_log_group.api_access.name
}

output "user_pool_id" {
  description = "Cognito user pool (the dev token issuer)."
  value       = aws_cognito_user_pool.this.id
}

output "app_client_id" {
  description = "Cognito app client of the smoke test; the audience the gateway expects."
  value       = aws_cognito_user_pool_client.smoke.id
}

output "jwt_issuer" {
  description = "Issuer the gateway is configured with."
  value       = local.jwt_issuer
}

output "demo_users" {
  description = "Demo users by username: tenant and role (no passwords)."
  value       = { for username, u in local.demo_users : username => { tenant = u.tenant, role = u.role } }
}

output "demo_password_parameter_prefix" {
  description = "SSM path under which each demo user's password is stored as a SecureString (<prefix><username>)."
  value       = local.demo_password_parameter_prefix
}

output "deployed_version" {
  description = "What the deployed zip was built from (git describe)."
  value       = var.deployed_version
}

output "region" {
  description = "Region of the stack."
  value       = var.region
}

output "env_prefix" {
  description = "Environment prefix of the stack."
  value       = var.env_prefix
}
