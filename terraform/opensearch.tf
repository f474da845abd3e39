# The production store (store = "opensearch"): one Amazon OpenSearch Service domain that every
# function instance shares, so the function can scale out and nothing is lost on a cold start or
# a redeploy. Nothing here exists with store = "memory" (count 0).
#
# Access is IAM only: the function signs its requests with SigV4 (its role's credentials, AWS SDK
# v2), and the domain's access policy admits that role and no one else. Fine-grained access
# control is off, so no master user and no password exist anywhere: not in the state, not in an
# output. The endpoint is public (no VPC: the function would then need a NAT gateway to reach the
# Cognito JWKS), which is why HTTPS, TLS 1.2 and signed requests are all required.
#
# No prevent_destroy and no deletion protection: `make destroy-dev` removes the domain and its
# data with the rest of the stack, the cost kill switch.

locals {
  # The HTTP methods the gateway's OpenSearch client sends (index, get, search, delete, exists).
  # Listed rather than es:ESHttp*, so that a method the store never needs is not granted.
  opensearch_http_actions = ["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete"]
}

resource "aws_opensearch_domain" "store" {
  count = var.store == "opensearch" ? 1 : 0

  # 3 to 28 characters: env_prefix has at most 24, so "-os" fits.
  domain_name    = "${var.env_prefix}-os"
  engine_version = var.opensearch_engine_version

  cluster_config {
    instance_type  = var.opensearch_instance_type
    instance_count = var.opensearch_instance_count
    # One Availability Zone: a dev domain. Zone awareness would need an even node count.
    zone_awareness_enabled   = false
    dedicated_master_enabled = false
  }

  ebs_options {
    ebs_enabled = true
    volume_type = "gp3"
    volume_size = var.opensearch_volume_gb
  }

  encrypt_at_rest {
    enabled = true
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https = true
    # TLS 1.2 or later with forward-secret ciphers only; the JDK's client offers TLS 1.3.
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }

  lifecycle {
    precondition {
      condition     = var.opensearch_replicas < var.opensearch_instance_count
      error_message = "opensearch_replicas = 1 needs opensearch_instance_count of 2 or more: a replica is never placed on its primary's node, and the index would stay yellow."
    }
  }
}

# The resource policy: the function's role may send HTTP requests to this domain's indices, and
# nothing else is admitted: no "*" principal, no IP condition. A separate resource, so that it can
# name the domain's own ARN. (An IAM principal of this account whose own identity policy allows
# es:ESHttp* on the domain, an administrator for instance, can still reach it: the same account's
# identity policies count as well. No one outside the account can.)
resource "aws_opensearch_domain_policy" "store" {
  count = var.store == "opensearch" ? 1 : 0

  domain_name = aws_opensearch_domain.store[0].domain_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid    = "FunctionRoleOnly"
      Effect = "Allow"
      # Interpolated rather than a bare reference: the policy tests' HCL parser keeps a bare
      # reference inside jsonencode() as its own symbol tree, not as the reference's text.
      Principal = { AWS = "${aws_iam_role.function.arn}" }
      Action    = local.opensearch_http_actions
      Resource  = "${aws_opensearch_domain.store[0].arn}/*"
    }]
  })
}

# With store = "opensearch": HTTP requests to the one domain's indices, nothing else (no
# es:CreateDomain, no other domain, no es:* wildcard). The domain's access policy admits this role
# too (above); the function signs every request with these credentials (SigV4).
resource "aws_iam_role_policy" "function_opensearch" {
  count = var.store == "opensearch" ? 1 : 0

  name = "http-to-own-opensearch-domain"
  role = aws_iam_role.function.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "HttpToOwnDomain"
      Effect   = "Allow"
      Action   = local.opensearch_http_actions
      Resource = "${aws_opensearch_domain.store[0].arn}/*"
    }]
  })
}
