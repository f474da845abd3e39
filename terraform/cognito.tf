# Amazon Cognito as the dev token issuer. Users cannot sign themselves up, and no app client may
# write custom:tenant or custom:role: otherwise a user could choose their own tenant and role, and
# the gateway's tenant isolation would rest on nothing.

resource "aws_cognito_user_pool" "this" {
  name = "${local.name}-users"

  # Only an administrator (Terraform here) creates users.
  admin_create_user_config {
    allow_admin_create_user_only = true
  }

  # Recovery through an administrator only: the pool has no e-mail or phone to send codes to.
  account_recovery_setting {
    recovery_mechanism {
      name     = "admin_only"
      priority = 1
    }
  }

  password_policy {
    minimum_length                   = 16
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 1
  }

  mfa_configuration = "OFF"

  # A dev pool: `make destroy-dev` must be able to remove it.
  deletion_protection = "INACTIVE"

  # The principal's tenant and role, as the ID token's custom:tenant and custom:role claims.
  # Mutable so that an administrator can move a user; writable by no app client (see below).
  # The maximum lengths follow the contract's limits for tenants (1 to 64) and role names.
  dynamic "schema" {
    for_each = { tenant = 64, role = 32 }
    content {
      name                     = schema.key
      attribute_data_type      = "String"
      mutable                  = true
      required                 = false
      developer_only_attribute = false
      string_attribute_constraints {
        min_length = 1
        max_length = schema.value
      }
    }
  }
}

# The app client the smoke test signs in with. Its id is the audience the gateway expects.
resource "aws_cognito_user_pool_client" "smoke" {
  name         = "${local.name}-smoke"
  user_pool_id = aws_cognito_user_pool.this.id

  # No secret: the AWS CLI's admin-initiate-auth needs none. ADMIN_USER_PASSWORD_AUTH only: a
  # token needs the password and IAM credentials allowed to call AdminInitiateAuth, so the demo
  # users cannot be password-guessed through the public Cognito endpoint.
  generate_secret     = false
  explicit_auth_flows = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]

  # The ID token carries only attributes the client may read, so both custom ones are listed.
  read_attributes = ["custom:tenant", "custom:role"]
  # Written out rather than left to Cognito's default: users may change their display name and
  # nothing else; never custom:tenant or custom:role.
  write_attributes = ["name"]

  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true

  id_token_validity      = 60
  access_token_validity  = 60
  refresh_token_validity = 1
  token_validity_units {
    id_token      = "minutes"
    access_token  = "minutes"
    refresh_token = "days"
  }
}

locals {
  # One demo user per (tenant, role) of the demo corpus, so that the smoke test can sign in as any
  # principal it needs. Usernames say what they are; the user's identity is still Cognito's sub.
  demo_users = var.demo_users_enabled ? {
    "demo-intern-a"  = { tenant = "tenant-a", role = "intern" }
    "demo-analyst-a" = { tenant = "tenant-a", role = "analyst" }
    "demo-admin-a"   = { tenant = "tenant-a", role = "admin" }
    "demo-intern-b"  = { tenant = "tenant-b", role = "intern" }
    "demo-analyst-b" = { tenant = "tenant-b", role = "analyst" }
    "demo-admin-b"   = { tenant = "tenant-b", role = "admin" }
  } : {}

  demo_password_parameter_prefix = "/${var.env_prefix}/demo-users/"
}

# Generated passwords: no person chooses or sees them. They are kept out of the outputs and in
# SSM SecureString parameters instead, which smoke-cloud reads with the operator's IAM
# credentials (so any machine with access can run it, not only the one holding the state).
resource "random_password" "demo" {
  for_each = local.demo_users

  length      = 24
  special     = false
  min_upper   = 2
  min_lower   = 2
  min_numeric = 2
}

resource "aws_cognito_user" "demo" {
  for_each = local.demo_users

  user_pool_id   = aws_cognito_user_pool.this.id
  username       = each.key
  password       = random_password.demo[each.key].result
  message_action = "SUPPRESS"

  # The provider adds the custom: prefix to attributes that are not standard ones.
  attributes = {
    tenant = each.value.tenant
    role   = each.value.role
  }
}

resource "aws_ssm_parameter" "demo_password" {
  for_each = local.demo_users

  name        = "${local.demo_password_parameter_prefix}${each.key}"
  description = "Password of the demo user ${each.key} (${each.value.tenant}, ${each.value.role})"
  type        = "SecureString"
  value       = random_password.demo[each.key].result
}
