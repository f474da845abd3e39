# The OpenSearch variant of the dev stack: make deploy-dev ENV_PREFIX=rg-os (and the same prefix
# for smoke-cloud and destroy-dev). The domain is billed per hour while it exists: destroy it when
# done (docs/cloud.md, "Cost").
store = "opensearch"

# One t3.small.search node, 10 GB gp3, no replicas: the dev size.
opensearch_instance_type  = "t3.small.search"
opensearch_instance_count = 1
opensearch_volume_gb      = 10
opensearch_replicas       = 0

# Up to 10 function instances at once; -1 reserves none (an account whose concurrency quota is
# below 110 cannot reserve 10, as AWS keeps 100 unreserved).
lambda_reserved_concurrency = 10
