# The runbook's three alarms (availability, throttles, high denials), plus the store's with
# store = "opensearch", each sending to the optional SNS topic, and the log metrics they need.
# Each alarm and each metric filter is one entry of a map here, keyed by its name after the
# prefix; one resource block makes them all, so that they cannot drift apart.

locals {
  metric_access_denied     = "AccessDenied"
  metric_api_throttled     = "ApiThrottled"
  metric_store_unavailable = "StoreUnavailable"

  # Each filter counts 1 for every line of its log group that its pattern matches. A policy test
  # matches every pattern against a real line.
  log_metric_filters = {
    # The service's access_denied events: one JSON object per log line, as the service writes
    # them (CONTRACT.md, "Logs").
    "access-denied" = {
      log_group = aws_cloudwatch_log_group.function.name
      pattern   = "{ $.event = \"access_denied\" }"
      metric    = local.metric_access_denied
    }
    # HTTP APIs publish no metric for 429s, so they are counted from the access log: both the
    # stage's own throttling backstop and the gateway's per-principal 429s.
    "api-429" = {
      log_group = aws_cloudwatch_log_group.api_access.name
      pattern   = "{ $.status = \"429\" }"
      metric    = local.metric_api_throttled
    }
  }

  # Every alarm fires when the sum of its metrics over 5 minutes reaches its threshold: one
  # expression adds them up, FILL counting a metric without data as 0.
  alarms = {
    # Availability: any 5xx from API Gateway (including its answers when the function fails) or
    # any function error.
    "5xx" = {
      description = "API Gateway 5xx or Lambda errors (runbook: check recent deploys, then the function's log for event=error)."
      threshold   = 1
      expression  = "FILL(api5xx, 0) + FILL(lambdaerrors, 0)"
      label       = "API 5xx + Lambda errors"
      metrics = {
        api5xx       = { namespace = "AWS/ApiGateway", metric_name = "5xx", dimensions = { ApiId = aws_apigatewayv2_api.this.id } }
        lambdaerrors = { namespace = "AWS/Lambda", metric_name = "Errors", dimensions = { FunctionName = aws_lambda_function.gateway.function_name } }
      }
    }
    # Load or abuse: Lambda refusing invocations (reserved concurrency reached) or 429s at the API.
    "throttles" = {
      description = "Lambda throttles or API 429s (runbook: confirm the load, reduce traffic, check callers)."
      threshold   = 1
      expression  = "FILL(lambdathrottles, 0) + FILL(api429, 0)"
      label       = "Lambda throttles + API 429s"
      metrics = {
        lambdathrottles = { namespace = "AWS/Lambda", metric_name = "Throttles", dimensions = { FunctionName = aws_lambda_function.gateway.function_name } }
        api429          = { namespace = local.metrics_namespace, metric_name = local.metric_api_throttled, dimensions = {} }
      }
    }
    # Security: a spike of access_denied events (token probing, a tenant-crossing client).
    "high-denials" = {
      description = "Many access_denied events (runbook: filter the function's log for event=access_denied, follow request_id)."
      threshold   = var.denied_alarm_threshold
      expression  = "FILL(denied, 0)"
      label       = "access_denied events"
      metrics = {
        denied = { namespace = local.metrics_namespace, metric_name = local.metric_access_denied, dimensions = {} }
      }
    }
  }

  # The OpenSearch store failing (timeout, connection, an error status, an answer it cannot read):
  # the service logs one store_unavailable event per such request, which it answers with
  # 503 unavailable. The 5xx alarm fires as well; this one says that the store is the cause.
  store_log_metric_filters = var.store == "opensearch" ? {
    "store-unavailable" = {
      log_group = aws_cloudwatch_log_group.function.name
      pattern   = "{ $.event = \"store_unavailable\" }"
      metric    = local.metric_store_unavailable
    }
  } : {}
  store_alarms = var.store == "opensearch" ? {
    "store-unavailable" = {
      description = "The OpenSearch store answered 503 unavailable (runbook: make logs-cloud, look for event=store_unavailable and its category; then the domain's health in the console)."
      threshold   = var.store_unavailable_alarm_threshold
      expression  = "FILL(unavailable, 0)"
      label       = "store_unavailable events"
      metrics = {
        unavailable = { namespace = local.metrics_namespace, metric_name = local.metric_store_unavailable, dimensions = {} }
      }
    }
  } : {}
}

resource "aws_cloudwatch_log_metric_filter" "this" {
  for_each = merge(local.log_metric_filters, local.store_log_metric_filters)

  name           = "${local.name}-${each.key}"
  log_group_name = each.value.log_group
  pattern        = each.value.pattern

  metric_transformation {
    name      = each.value.metric
    namespace = local.metrics_namespace
    value     = "1"
    unit      = "Count"
  }
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = merge(local.alarms, local.store_alarms)

  alarm_name          = "${local.name}-${each.key}"
  alarm_description   = each.value.description
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  threshold           = each.value.threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  metric_query {
    id          = "total"
    expression  = each.value.expression
    label       = each.value.label
    return_data = true
  }

  dynamic "metric_query" {
    for_each = each.value.metrics
    content {
      id = metric_query.key
      metric {
        namespace   = metric_query.value.namespace
        metric_name = metric_query.value.metric_name
        dimensions  = metric_query.value.dimensions
        period      = 300
        stat        = "Sum"
      }
    }
  }
}

# The addresses these had when each was a block of its own, so that an existing stack keeps its
# alarms and filters (without them, Terraform would delete each by its name after creating it anew).
moved {
  from = aws_cloudwatch_log_metric_filter.access_denied
  to   = aws_cloudwatch_log_metric_filter.this["access-denied"]
}
moved {
  from = aws_cloudwatch_log_metric_filter.api_throttled
  to   = aws_cloudwatch_log_metric_filter.this["api-429"]
}
moved {
  from = aws_cloudwatch_log_metric_filter.store_unavailable[0]
  to   = aws_cloudwatch_log_metric_filter.this["store-unavailable"]
}
moved {
  from = aws_cloudwatch_metric_alarm.errors_5xx
  to   = aws_cloudwatch_metric_alarm.this["5xx"]
}
moved {
  from = aws_cloudwatch_metric_alarm.throttles
  to   = aws_cloudwatch_metric_alarm.this["throttles"]
}
moved {
  from = aws_cloudwatch_metric_alarm.denials
  to   = aws_cloudwatch_metric_alarm.this["high-denials"]
}
moved {
  from = aws_cloudwatch_metric_alarm.store_unavailable[0]
  to   = aws_cloudwatch_metric_alarm.this["store-unavailable"]
}
