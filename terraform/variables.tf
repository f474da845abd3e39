variable "region" {
  description = "AWS region of the stack. The Make targets pass the region doctor-aws found (AWS_REGION, AWS_DEFAULT_REGION or the CLI profile)."
  type        = string
}

variable "env_prefix" {
  description = "Prefix of every resource name; one prefix is one environment (and one Terraform workspace)."
  type        = string
  default     = "rg-dev"

  validation {
    # Lowercase because it ends up in Lambda, log group and Cognito names; short because
    # Lambda function names stop at 64 characters.
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.env_prefix))
    error_message = "env_prefix must be 2 to 24 characters of [a-z0-9-], starting with a letter."
  }
}

variable "extra_tags" {
  description = "Tags added to every resource, beside Project, Environment and ManagedBy."
  type        = map(string)
  default     = {}
}

variable "deployed_version" {
  description = "What the zip was built from (git describe); deploy-dev sets it, so that alarm triage can see what is deployed."
  type        = string
  default     = "unknown"
}

variable "lambda_zip_path" {
  description = "The function zip; null means service/target/gateway-lambda.zip from `make package`."
  type        = string
  default     = null
}

variable "lambda_memory_mb" {
  description = "Function memory in MB (CPU grows with it; the JVM start-up is CPU bound)."
  type        = number
  default     = 1024
}

variable "lambda_timeout_s" {
  description = "Function timeout in seconds; below the HTTP API's 30 s integration timeout."
  type        = number
  default     = 15

  validation {
    condition     = var.lambda_timeout_s >= 3 && var.lambda_timeout_s <= 29
    error_message = "lambda_timeout_s must be 3 to 29: API Gateway gives up after 30 s anyway."
  }
}

variable "lambda_reserved_concurrency" {
  description = "Reserved concurrency. 1, because the demo store is in memory per instance: a write and the next read must meet the same instance. A persistent store lifts this."
  type        = number
  default     = 1
}

variable "snapstart_enabled" {
  description = "Publish a version with Lambda SnapStart and route the API to it (faster cold starts, slower deploys)."
  type        = bool
  default     = false
}

variable "api_throttle_rate" {
  description = "Stage-wide steady rate (requests/s) of the $default route: a backstop above the gateway's own per-principal limit (50/s)."
  type        = number
  default     = 200

  validation {
    condition     = var.api_throttle_rate > 50
    error_message = "api_throttle_rate must stay above the gateway's per-principal rate (50/s), or the contract's 429 envelope would never be seen."
  }
}

variable "api_throttle_burst" {
  description = "Stage-wide burst of the $default route: a backstop above the gateway's own per-principal burst (100)."
  type        = number
  default     = 400

  validation {
    condition     = var.api_throttle_burst > 100
    error_message = "api_throttle_burst must stay above the gateway's per-principal burst (100)."
  }
}

variable "demo_users_enabled" {
  description = "Create the demo users (one per tenant and role) that `make smoke-cloud` signs in as."
  type        = bool
  default     = true
}

variable "alarm_sns_topic_arn" {
  description = "SNS topic the alarms notify; null keeps the alarms visible in the console only."
  type        = string
  default     = null
}

variable "denied_alarm_threshold" {
  description = "access_denied events in 5 minutes that count as a spike (the high-denials alarm)."
  type        = number
  default     = 25
}
