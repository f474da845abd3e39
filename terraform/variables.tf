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

variable "store" {
  description = "Where the corpus lives: memory (the demo store inside each function instance; one instance at a time) or opensearch (an Amazon OpenSearch Service domain in this stack, shared by every instance)."
  type        = string
  default     = "memory"

  validation {
    condition     = var.store == "memory" || var.store == "opensearch"
    error_message = "store must be memory or opensearch."
  }
}

variable "lambda_reserved_concurrency" {
  description = "Reserved concurrency with store = opensearch; -1 reserves none (the account's unreserved pool). With store = memory the function always runs at 1: a write and the next read must meet the same instance."
  type        = number
  default     = 10

  validation {
    # 1 would bring back the in-memory limit for no reason; 0 would throttle every request.
    condition     = var.lambda_reserved_concurrency == -1 || var.lambda_reserved_concurrency >= 2
    error_message = "lambda_reserved_concurrency must be -1 (no reservation) or 2 or more: one instance at a time is what the memory store needs, not the OpenSearch one."
  }
}

variable "java_tool_options" {
  description = "JAVA_TOOL_OPTIONS of the function, both stores: a heap that leaves room for metaspace, threads and the runtime within the 1,024 MB function, and an exit on OutOfMemoryError so that Lambda replaces the instance instead of it limping on."
  type        = string
  default     = "-XX:TieredStopAtLevel=1 -Xmx512m -XX:+ExitOnOutOfMemoryError"
}

variable "opensearch_engine_version" {
  description = "Engine of the OpenSearch domain (store = opensearch). `aws opensearch list-versions` shows what the region offers."
  type        = string
  default     = "OpenSearch_3.5"

  validation {
    condition     = can(regex("^OpenSearch_3\\.[0-9]+$", var.opensearch_engine_version))
    error_message = "opensearch_engine_version must be an OpenSearch 3.x engine, e.g. OpenSearch_3.5."
  }
}

variable "opensearch_instance_type" {
  description = "Data node instance type of the OpenSearch domain; the dev default is the smallest type that supports encryption at rest and node-to-node encryption."
  type        = string
  default     = "t3.small.search"
}

variable "opensearch_instance_count" {
  description = "Data nodes of the OpenSearch domain. 1 for dev; 2 or more to hold a replica of every shard (then set opensearch_replicas = 1)."
  type        = number
  default     = 1

  validation {
    condition     = var.opensearch_instance_count >= 1 && var.opensearch_instance_count <= 10
    error_message = "opensearch_instance_count must be 1 to 10."
  }
}

variable "opensearch_volume_gb" {
  description = "EBS gp3 volume per data node, in GB (10 is the smallest the service takes)."
  type        = number
  default     = 10

  validation {
    condition     = var.opensearch_volume_gb >= 10
    error_message = "opensearch_volume_gb must be at least 10."
  }
}

variable "opensearch_replicas" {
  description = "Replicas per shard of the gateway's indices (GATEWAY_OPENSEARCH_REPLICAS): 0 with one node, 1 with two or more. A replica needs a node of its own, so it must stay below opensearch_instance_count."
  type        = number
  default     = 0

  validation {
    condition     = var.opensearch_replicas == 0 || var.opensearch_replicas == 1
    error_message = "opensearch_replicas must be 0 (one node) or 1 (two or more nodes)."
  }
}

variable "store_unavailable_alarm_threshold" {
  description = "store_unavailable events (each one a 503 unavailable answer) in 5 minutes that raise the store alarm (store = opensearch)."
  type        = number
  default     = 3
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
