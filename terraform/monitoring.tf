# The runbook's three alarms (availability, throttles, high denials), plus the store's with
# store = "opensearch", each sending to the optional SNS topic, and the log metrics they need.

locals {
  metric_access_denied     = "AccessDenied"
  metric_api_throttled     = "ApiThrottled"
  metric_store_unavailable = "StoreUnavailable"
}

# Counts the service's access_denied events: one JSON object per log line, as the service writes
# them (CONTRACT.md, "Logs"). A policy test matches this pattern against a real line.
resource "aws_cloudwatch_log_metric_filter" "access_denied" {
  name           = "${local.name}-access-denied"
  log_group_name = aws_cloudwatch_log_group.function.name
  pattern        = "{ $.event = \"access_denied\" }"

  metric_transformation {
    name      = local.metric_access_denied
    namespace = local.metrics_namespace
    value     = "1"
    unit      = "Count"
  }
}

# HTTP APIs publish no metric for 429s, so they are counted from the access log: both the
# stage's own throttling backstop and the gateway's per-principal 429s.
resource "aws_cloudwatch_log_metric_filter" "api_throttled" {
  name           = "${local.name}-api-429"
  log_group_name = aws_cloudwatch_log_group.api_access.name
  pattern        = "{ $.status = \"429\" }"

  metric_transformation {
    name      = local.metric_api_throttled
    namespace = local.metrics_namespace
    value     = "1"
    unit      = "Count"
  }
}

# Availability: any 5xx from API Gateway (including its answers when the function fails) or
# any function error within 5 minutes.
resource "aws_cloudwatch_metric_alarm" "errors_5xx" {
  alarm_name          = "${local.name}-5xx"
  alarm_description   = "API Gateway 5xx or Lambda errors (runbook: check recent deploys, then the function's log for event=error)."
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  metric_query {
    id          = "total"
    expression  = "FILL(api5xx, 0) + FILL(lambdaerrors, 0)"
    label       = "API 5xx + Lambda errors"
    return_data = true
  }

  metric_query {
    id = "api5xx"
    metric {
      namespace   = "AWS/ApiGateway"
      metric_name = "5xx"
      dimensions  = { ApiId = aws_apigatewayv2_api.this.id }
      period      = 300
      stat        = "Sum"
    }
  }

  metric_query {
    id = "lambdaerrors"
    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Errors"
      dimensions  = { FunctionName = aws_lambda_function.gateway.function_name }
      period      = 300
      stat        = "Sum"
    }
  }
}

# Load or abuse: Lambda refusing invocations (reserved concurrency reached) or 429s at the API.
resource "aws_cloudwatch_metric_alarm" "throttles" {
  alarm_name          = "${local.name}-throttles"
  alarm_description   = "Lambda throttles or API 429s (runbook: confirm the load, reduce traffic, check callers)."
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  metric_query {
    id          = "total"
    expression  = "FILL(lambdathrottles, 0) + FILL(api429, 0)"
    label       = "Lambda throttles + API 429s"
    return_data = true
  }

  metric_query {
    id = "lambdathrottles"
    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Throttles"
      dimensions  = { FunctionName = aws_lambda_function.gateway.function_name }
      period      = 300
      stat        = "Sum"
    }
  }

  metric_query {
    id = "api429"
    metric {
      namespace   = local.metrics_namespace
      metric_name = local.metric_api_throttled
      period      = 300
      stat        = "Sum"
    }
  }
}

# Security: a spike of access_denied events (token probing, a tenant-crossing client).
resource "aws_cloudwatch_metric_alarm" "denials" {
  alarm_name          = "${local.name}-high-denials"
  alarm_description   = "Many access_denied events (runbook: filter the function's log for event=access_denied, follow request_id)."
  namespace           = local.metrics_namespace
  metric_name         = local.metric_access_denied
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.denied_alarm_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# The OpenSearch store failing (timeout, connection, an error status, an answer it cannot read):
# the service logs one store_unavailable event per such request, which it answers with
# 503 unavailable. The 5xx alarm fires as well; this one says that the store is the cause.
resource "aws_cloudwatch_log_metric_filter" "store_unavailable" {
  count = var.store == "opensearch" ? 1 : 0

  name           = "${local.name}-store-unavailable"
  log_group_name = aws_cloudwatch_log_group.function.name
  pattern        = "{ $.event = \"store_unavailable\" }"

  metric_transformation {
    name      = local.metric_store_unavailable
    namespace = local.metrics_namespace
    value     = "1"
    unit      = "Count"
  }
}

resource "aws_cloudwatch_metric_alarm" "store_unavailable" {
  count = var.store == "opensearch" ? 1 : 0

  alarm_name          = "${local.name}-store-unavailable"
  alarm_description   = "The OpenSearch store answered 503 unavailable (runbook: make logs-cloud, look for event=store_unavailable and its category; then the domain's health in the console)."
  namespace           = local.metrics_namespace
  metric_name         = local.metric_store_unavailable
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.store_unavailable_alarm_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}
