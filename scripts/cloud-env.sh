# Shared set-up of the cloud scripts (doctor-aws, deploy-dev, smoke-cloud, logs-cloud,
# destroy-dev, cognito-id-token). Sourced, not run. It settles three things the same way for all
# of them: the environment prefix, the region, and how the AWS CLI and Terraform are called.
#
#   ENV_PREFIX        environment prefix (default rg-dev); also the Terraform workspace
#   AWS_REGION        region; else AWS_DEFAULT_REGION; else the AWS CLI profile's region
#   AWS_ENDPOINT_URL  another AWS endpoint (moto_server in the tests); passed to the AWS CLI as
#                     --endpoint-url, because AWS CLI v1 before botocore 1.31 ignores the variable
#
# Written for bash 3.2 as well (macOS): no mapfile, and empty arrays expanded as
# ${a[@]+"${a[@]}"} so that set -u accepts them.
#
# Nothing here prints a secret: the scripts never echo passwords, tokens or credentials.

CLOUD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TF_DIR="$CLOUD_ROOT/terraform"
ENV_PREFIX="${ENV_PREFIX:-rg-dev}"

die() { # one clear line on stderr, then exit with the given status (default 1)
  local status="${2:-1}"
  echo "$(basename "$0"): $1" >&2
  exit "$status"
}

need() { # fail with one line when a tool is missing
  command -v "$1" >/dev/null 2>&1 || die "$1 is not installed (${2:-needed here})"
}

check_prefix() { # the same rule as variable "env_prefix" in terraform/variables.tf
  [[ "$ENV_PREFIX" =~ ^[a-z][a-z0-9-]{1,23}$ ]] ||
    die "ENV_PREFIX must be 2 to 24 characters of [a-z0-9-], starting with a letter (got '$ENV_PREFIX')" 2
}

# Sets REGION and REGION_SOURCE; empty when no region is configured anywhere.
resolve_region() {
  REGION="" REGION_SOURCE=""
  if [ -n "${AWS_REGION:-}" ]; then
    REGION="$AWS_REGION" REGION_SOURCE="AWS_REGION"
  elif [ -n "${AWS_DEFAULT_REGION:-}" ]; then
    REGION="$AWS_DEFAULT_REGION" REGION_SOURCE="AWS_DEFAULT_REGION"
  elif command -v aws >/dev/null 2>&1; then
    REGION="$(aws configure get region 2>/dev/null || true)"
    REGION_SOURCE="AWS CLI profile ${AWS_PROFILE:-default}"
  fi
}

require_region() {
  resolve_region
  [ -n "$REGION" ] ||
    die "no AWS region set: export AWS_REGION=<region> (or run: aws configure set region <region>)" 2
}

# The AWS CLI with the resolved region and, when set, the endpoint override.
awscli() {
  local args=(--region "$REGION")
  [ -n "${AWS_ENDPOINT_URL:-}" ] && args+=(--endpoint-url "$AWS_ENDPOINT_URL")
  aws "${args[@]}" "$@"
}

# Terraform in terraform/, with the variables that name the environment.
tf() {
  terraform -chdir="$TF_DIR" "$@"
}
# Sets TF_VARS, the -var arguments that name the environment (the same for apply and destroy).
# Settings of one environment (alarm topic, SnapStart, demo users off, ...) can live in
# terraform/env/<prefix>.tfvars, which apply and destroy then both read.
set_tf_vars() {
  TF_VARS=(-var "region=$REGION" -var "env_prefix=$ENV_PREFIX")
  if [ -f "$TF_DIR/env/$ENV_PREFIX.tfvars" ]; then
    TF_VARS+=(-var-file "env/$ENV_PREFIX.tfvars")
  fi
}

# Selects the workspace of ENV_PREFIX (one state per prefix); creates it only when asked.
tf_workspace() {
  if [ "${1:-}" = create ]; then
    tf workspace select -or-create "$ENV_PREFIX" >/dev/null
  else
    tf workspace select "$ENV_PREFIX" >/dev/null 2>&1 ||
      die "no Terraform state for ENV_PREFIX=$ENV_PREFIX here (terraform workspace '$ENV_PREFIX' does not exist): nothing deployed from this checkout"
  fi
}
