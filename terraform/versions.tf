# Versions are pinned so that a plan made today means the same thing next month: the AWS provider
# within one major version (6.x renamed and removed arguments relative to 5.x), and Terraform
# 1.5 or newer for `terraform workspace select -or-create`, which the Make targets use.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    # Generates the demo users' passwords; nobody types or reads them (see cognito.tf).
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }

  # State stays local, one state per environment prefix (the Make targets select the Terraform
  # workspace named after ENV_PREFIX). A team would use an S3 backend with locking instead; the
  # state holds the demo passwords, so it must stay on the operator's machine or in an encrypted
  # bucket, never in git (terraform/.gitignore).
}
