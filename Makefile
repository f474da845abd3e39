# Retrieval Gateway: the operator's interface. Every runbook target lives here; `make help` lists them.
# The JDK is found by scripts/find-jdk (JAVA_HOME when it is 21+, else the newest under /usr/lib/jvm).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

JAVA_HOME := $(shell scripts/find-jdk)
ifeq ($(JAVA_HOME),)
$(error no JDK 21+ found: install one (apt-get install openjdk-21-jdk-headless) or set JAVA_HOME)
endif
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)

# Recipes that start something never name $(MAKE) literally: make runs a recipe line that does even
# under make -n, and a dry run must not build, start, plan or apply anything. They use this instead.
RECIPE_MAKE = $(MAKE)
MVN ?= mvn
# Maven 3.8's own Guava calls sun.misc.Unsafe; on JDK 23+ that prints warnings at every run. The
# option that silences them exists from JDK 23 on, and an older JDK (21, the minimum) refuses to
# start with it, so it is passed only when this JDK accepts it. A MAVEN_OPTS of the caller wins.
UNSAFE_MEMORY_OPTION := --sun-misc-unsafe-memory-access=allow
ifeq ($(origin MAVEN_OPTS),undefined)
MAVEN_OPTS := $(shell "$(JAVA_HOME)/bin/java" $(UNSAFE_MEMORY_OPTION) -version >/dev/null 2>&1 && echo $(UNSAFE_MEMORY_OPTION))
endif
export MAVEN_OPTS
MVN_FLAGS ?= -B -q -Dstyle.color=never
PYTHON ?= python3
FREE_PORT = $(PYTHON) -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
PORT ?= 8000
# The gateway's JVM options for run-local, smoke-local and bench. An explicit heap, so that memory is
# the same on every machine and fits the Lambda's 1,024 MB beside metaspace, code cache and thread
# stacks (the Lambda sets the same through JAVA_TOOL_OPTIONS); on OutOfMemoryError the process exits
# rather than limping on with a writer Lucene closed for good.
JAVA_OPTS ?= -Xmx512m -XX:+ExitOnOutOfMemoryError
# On JDK 25+, run-local, smoke-local and the bench start the gateway from a JDK AOT cache of its
# classes, made once per jar by a training run (scripts/aot-cache says how): a start-up a few times
# shorter. On JDK 21 this prints nothing and the gateway starts as before.
AOT_OPTS = $$(scripts/aot-cache '$(JAVA_HOME)/bin/java' '$(SERVICE_JAR)')
EVIDENCE_DIR ?= target/evidence
SERVICE_JAR := service/target/service-1.0.0-SNAPSHOT.jar

.PHONY: help install doctor run-local review format gate ci bench clean evidence verify-evidence

# The store of run-local and smoke-local: memory (default) or opensearch. With opensearch the
# command runs under scripts/with-opensearch: OPENSEARCH_URL when given, else the node listening on
# 127.0.0.1:$(OPENSEARCH_PORT), else a local node started for it and stopped after it.
STORE ?= memory
OPENSEARCH_PORT ?= 9200
OPENSEARCH_URL ?=
NODES ?= 1
OPENSEARCH_NODE_JAR := opensearch-node/target/opensearch-node-1.0.0-SNAPSHOT.jar
STORE_WRAP = $(if $(filter opensearch,$(STORE)),env OPENSEARCH_NODE_JAR='$(OPENSEARCH_NODE_JAR)' OPENSEARCH_PORT='$(OPENSEARCH_PORT)' OPENSEARCH_URL='$(OPENSEARCH_URL)' scripts/with-opensearch)

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 22

# ---- local workflow ------------------------------------------------------------------------------

install: ## build every module and resolve dependencies, no tests
	$(MVN) $(MVN_FLAGS) install -DskipTests

doctor: ## check the local toolchain: JDK 21+, Maven, Python 3, port 8000 free
	@scripts/doctor $(PORT)

$(SERVICE_JAR): $(shell find service/src/main -type f 2>/dev/null) service/pom.xml pom.xml
	$(MVN) $(MVN_FLAGS) install -DskipTests -pl service -am

run-local: $(SERVICE_JAR) $(if $(filter opensearch,$(STORE)),$(OPENSEARCH_NODE_JAR)) ## start the gateway in the foreground on 127.0.0.1:8000 (header mode, demo corpus); AUTH=jwt: JWT mode with the development issuer; STORE=opensearch: on a local OpenSearch node
	$(if $(filter-out header jwt,$(AUTH)),$(error AUTH must be header or jwt))
	$(if $(filter-out memory opensearch,$(STORE)),$(error STORE must be memory or opensearch))
	$(if $(filter jwt,$(AUTH)),exec $(STORE_WRAP) $(RECIPE_MAKE) --no-print-directory run-local-jwt,exec $(STORE_WRAP) $(JAVA_HOME)/bin/java $(JAVA_OPTS) $(AOT_OPTS) -jar $(SERVICE_JAR))

review: ## formatter check, compile, fast unit tests (required before commit)
	$(MVN) $(MVN_FLAGS) spotless:check
	$(MVN) $(MVN_FLAGS) install -pl service-tests -am -Dtest='!*AcceptanceTest' -Dsurefire.failIfNoSpecifiedTests=false

format: ## apply the formatter (google-java-format through Spotless) to the whole tree
	$(MVN) $(MVN_FLAGS) spotless:apply

BENCH_JAR := bench/target/bench-1.0.0-SNAPSHOT.jar

$(BENCH_JAR): $(shell find bench/src -type f 2>/dev/null) bench/pom.xml pom.xml
	$(MVN) $(MVN_FLAGS) package -DskipTests -pl bench

# Needs wrk (Debian: apt-get install -y wrk); installs nothing by itself. About 7 minutes.
bench: $(SERVICE_JAR) $(BENCH_JAR) $(if $(filter opensearch,$(STORE)),$(OPENSEARCH_NODE_JAR)) ## STORE=opensearch adds the corpora on OpenSearch; throughput, latency, start-up and RSS beside a bare Helidon server; writes target/bench.json
	@command -v wrk >/dev/null || { echo "bench: wrk is missing: install it (Debian: apt-get update && apt-get install -y wrk)" >&2; exit 1; }
	@BENCH_JAVA_OPTS='$(JAVA_OPTS)' BENCH_STORE='$(STORE)' $(PYTHON) scripts/bench

# The benches below are main classes in the service's test sources (service-tests/: they reuse its
# test support), run on the test classpath that Maven writes once.
BENCH_CLASSPATH := service-tests/target/bench.classpath
BENCH_JAVA = $(JAVA_HOME)/bin/java -cp service-tests/target/test-classes:$$(cat $(BENCH_CLASSPATH))

.PHONY: bench-classpath bench-memory bench-timing
bench-classpath:
	$(MVN) $(MVN_FLAGS) -pl service-tests -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test

bench-memory: bench-classpath ## heap cost of a tenant and of a document in the in-memory store; prints documents per GiB
	$(BENCH_JAVA) -Xmx1g dev.retrievalgateway.bench.CorpusMemoryBench | grep -v '^{'

bench-timing: bench-classpath ## timing oracle: GET of a document above clearance vs an absent id, N interleaved pairs (BENCH_PAIRS)
	$(BENCH_JAVA) dev.retrievalgateway.bench.TimingOracleBench

clean: ## remove build output
	$(MVN) $(MVN_FLAGS) clean

# ---- the production store: a local OpenSearch node ---------------------------------------------
# A real OpenSearch 3.8 node from Maven Central jars in a JVM of its own (opensearch-node/), no
# Docker: for make run-local STORE=opensearch, smoke-local STORE=opensearch and the store's tests.

.PHONY: run-opensearch

$(OPENSEARCH_NODE_JAR): $(shell find opensearch-node/src/main -type f 2>/dev/null) opensearch-node/pom.xml
	$(MVN) $(MVN_FLAGS) install -DskipTests -pl opensearch-node

run-opensearch: $(OPENSEARCH_NODE_JAR) ## a local OpenSearch node on 127.0.0.1:9200 (OPENSEARCH_PORT=, NODES=3 for a cluster, OPENSEARCH_DATA=dir to keep data), in the foreground
	exec $(JAVA_HOME)/bin/java -cp $(OPENSEARCH_NODE_JAR) dev.retrievalgateway.opensearchnode.OpenSearchNode \
	  --port $(OPENSEARCH_PORT) --nodes $(NODES) $(if $(OPENSEARCH_DATA),--data '$(OPENSEARCH_DATA)')

# ---- merge check: every check the project has ----------------------------------------------------

gate: ## every check the project has; writes the release evidence under target/evidence
	$(MVN) $(MVN_FLAGS) spotless:check
	$(MVN) $(MVN_FLAGS) clean
	@$(PYTHON) evidence/write_evidence.py begin
	@$(MAKE) --no-print-directory terraform-check | tee target/terraform-check.txt
	$(MVN) -B -Dstyle.color=never install -Devidence.run=$$($(PYTHON) evidence/write_evidence.py run-id)
	@cat localstack-it/target/localstack-status.txt
	@$(MAKE) --no-print-directory mutation
	@$(MAKE) --no-print-directory smoke-local PORT=$$($(FREE_PORT))
	@$(MAKE) --no-print-directory smoke-local STORE=opensearch PORT=$$($(FREE_PORT)) OPENSEARCH_PORT=$$($(FREE_PORT)) OPENSEARCH_URL=
	$(PYTHON) -m unittest discover -s evidence -p 'test_*.py'
	$(PYTHON) -m unittest discover -s scripts -p 'test_*.py'
	@$(MAKE) --no-print-directory evidence
	@echo "gate: all checks passed"

ci: gate ## the same as gate (the runbook's other name); what .ci/run calls

# ---- release evidence (docs: README "Release evidence") -----------------------------------------
# The claim matrix, the in-toto Statement over the zip, the jar and the SBOM (DSSE-signed when
# EVIDENCE_SIGNING_KEY or EVIDENCE_SIGNING_KEY_FILE gives an ed25519 or P-256 key), the page and its
# screenshot, from the reports of the last gate run only (evidence/write_evidence.py says how).
ZIP ?=
PUBKEY ?=

evidence: ## rebuild target/evidence/ from the last gate run's reports (no tests rerun); checks the page in headless Chromium
	$(PYTHON) evidence/write_evidence.py
	$(PYTHON) evidence/browser_check.py
	@$(PYTHON) evidence/verify_evidence.py

verify-evidence: ## check target/evidence/ against the artifacts: signature, digests, reports [ZIP=… PUBKEY=trusted.pem]
	@ZIP='$(ZIP)' PUBKEY='$(PUBKEY)' $(PYTHON) evidence/verify_evidence.py

# ---- JWT development issuer ----------------------------------------------------------------------
# A local issuer so that JWT mode runs on one machine, no cloud: its RSA key is made once under
# .dev-issuer/ in the repository root (git-ignored; DEV_ISSUER_KEY_DIR, passed as an absolute path so
# that the issuer and every token command share one key, whatever their working directory), its JWKS
# is served on 127.0.0.1:$(DEV_ISSUER_PORT), and its tokens carry
# iss http://127.0.0.1:$(DEV_ISSUER_PORT) and aud retrieval-gateway. docs/jwt.md shows the whole flow.

AUTH ?= header
DEV_ISSUER_PORT ?= 8001
DEV_ISSUER_JAR := dev-issuer/target/dev-issuer-1.0.0-SNAPSHOT.jar
DEV_ISSUER_KEY_DIR ?= $(CURDIR)/.dev-issuer

.PHONY: dev-issuer dev-token run-local-jwt

# Built quietly on stderr, so that `TOKEN=$$(make dev-token ...)` captures the token and nothing else.
$(DEV_ISSUER_JAR): $(shell find dev-issuer/src/main -type f 2>/dev/null) dev-issuer/pom.xml pom.xml
	@echo "building the development issuer..." >&2
	@$(MVN) $(MVN_FLAGS) install -DskipTests -pl dev-issuer -am >&2

dev-issuer: $(DEV_ISSUER_JAR) ## serve the development issuer's JWKS on 127.0.0.1:8001, in the foreground
	exec $(JAVA_HOME)/bin/java -jar $(DEV_ISSUER_JAR) serve --port $(DEV_ISSUER_PORT) --key-dir '$(DEV_ISSUER_KEY_DIR)'

dev-token: $(DEV_ISSUER_JAR) ## print a token from the development issuer: make dev-token USER=alice TENANT=tenant-a ROLE=analyst
	@if [ "$(origin USER)" != "command line" ] || [ -z "$(TENANT)" ] || [ -z "$(ROLE)" ]; then \
	  echo "usage: make dev-token USER=alice TENANT=tenant-a ROLE=analyst" >&2; exit 2; fi
	@$(JAVA_HOME)/bin/java -jar $(DEV_ISSUER_JAR) token --port $(DEV_ISSUER_PORT) --key-dir '$(DEV_ISSUER_KEY_DIR)' \
	  --user '$(USER)' --tenant '$(TENANT)' --role '$(ROLE)'

# run-local AUTH=jwt lands here: the issuer in the background (unless one listens), then the gateway.
run-local-jwt: $(SERVICE_JAR) $(DEV_ISSUER_JAR)
	@SERVICE_JAR='$(SERVICE_JAR)' DEV_ISSUER_JAR='$(DEV_ISSUER_JAR)' DEV_ISSUER_PORT='$(DEV_ISSUER_PORT)' \
	  DEV_ISSUER_KEY_DIR='$(DEV_ISSUER_KEY_DIR)' JAVA_OPTS='$(JAVA_OPTS)' scripts/run-local-jwt

# ---- contract suite and reference client ---------------------------------------------------------
# The client contract suite (contract-tests/, docs/contract.md): without BASE_URL it starts the
# gateway in-process (as make gate does); with it, it checks a running gateway. AUTH=jwt takes tokens
# from TOKEN_CMD, by default the development issuer's. LIMITS_BURST and LIMITS_MAX_DOCUMENTS give
# the limits of a target configured low (LIMITS_URL, default BASE_URL) and turn on those tests.

BASE_URL ?=
TOKEN_CMD ?= $(MAKE) -s --no-print-directory -C $(CURDIR) dev-token USER={user} TENANT={tenant} ROLE={role}
LIMITS_URL ?=
LIMITS_BURST ?=
LIMITS_MAX_DOCUMENTS ?=
SMOKE_DIR := target/smoke-local

.PHONY: contract smoke-local minimal-gateway

contract: $(SERVICE_JAR) ## the client contract suite: in-process, or BASE_URL=http://... [AUTH=jwt TOKEN_CMD='cmd {user} {tenant} {role}']
	$(MVN) $(MVN_FLAGS) -pl contract-tests verify \
	  -Dcontract.baseUrl='$(BASE_URL)' -Dcontract.mode='$(AUTH)' $(if $(BASE_URL),-Dcontract.opensearch.skip=true) \
	  $(if $(filter jwt,$(AUTH)),-Dcontract.tokenCmd='$(TOKEN_CMD)') \
	  -Dcontract.limits.baseUrl='$(LIMITS_URL)' -Dcontract.limits.throttleBurst='$(LIMITS_BURST)' \
	  -Dcontract.limits.maxDocuments='$(LIMITS_MAX_DOCUMENTS)'

minimal-gateway: ## the minimal independent implementation of the contract (Python, examples/minimal-gateway) in the foreground on 127.0.0.1:8000 (PORT=)
	exec $(PYTHON) examples/minimal-gateway/gateway.py --port $(PORT)

# scripts/smoke-local starts the gateway exactly as run-local does when nothing listens on the port,
# and stops what it started on the way out, pass or fail. The transcript is target/verify-local.json
# (evidence reads it).
smoke-local: $(SERVICE_JAR) $(if $(filter opensearch,$(STORE)),$(OPENSEARCH_NODE_JAR)) ## the reference client's 90-second verify against 127.0.0.1:8000 (PORT=), starting run-local if needed
	@PORT='$(PORT)' STORE='$(STORE)' SERVICE_JAR='$(SERVICE_JAR)' JAVA_OPTS='$(JAVA_OPTS)' PYTHON='$(PYTHON)' \
	  SMOKE_DIR='$(SMOKE_DIR)' OPENSEARCH_NODE_JAR='$(OPENSEARCH_NODE_JAR)' OPENSEARCH_PORT='$(OPENSEARCH_PORT)' \
	  OPENSEARCH_URL='$(OPENSEARCH_URL)' scripts/smoke-local

# ---- properties and mutation testing -------------------------------------------------------------

# SEED=n runs every property from that seed (a failure prints the seed to use); EXAMPLES=n sets the
# examples per class-level property (default 1000), HTTP_EXAMPLES=n per HTTP-level one (default 100
# to 200). The reports of each run: service-tests/target/property-report.json (class level) and
# property-tests/target/property-report*.json (HTTP level).
PROPERTY_FLAGS = $(if $(SEED),-Dproperties.seed=$(SEED)) $(if $(EXAMPLES),-Dproperties.examples=$(EXAMPLES)) $(if $(HTTP_EXAMPLES),-Dproperties.http.examples=$(HTTP_EXAMPLES))

.PHONY: properties mutation

properties: ## every property, class-level and HTTP-level (SEED=… EXAMPLES=… HTTP_EXAMPLES=… to explore)
	$(MVN) $(MVN_FLAGS) install -DskipTests -pl property-tests -am
	$(MVN) $(MVN_FLAGS) test -pl service-tests -Dtest='*Properties,CounterexampleTests' -Dsurefire.failIfNoSpecifiedTests=false $(PROPERTY_FLAGS)
	$(MVN) $(MVN_FLAGS) test -pl property-tests $(PROPERTY_FLAGS)
	@echo "properties: reports in service-tests/target/property-report.json (class level) and property-tests/target/property-report.json (HTTP level)"

mutation: ## PIT over identity, access and search; fails below a 90% mutation score
	$(MVN) $(MVN_FLAGS) -pl service,service-tests test-compile org.pitest:pitest-maven:mutationCoverage
	@$(PYTHON) -c 'import xml.etree.ElementTree as E; m=list(E.parse("service-tests/target/pit-reports/mutations.xml").getroot()); k=sum(x.get("status") in ("KILLED","TIMED_OUT","MEMORY_ERROR") for x in m); print(f"mutation: {k} of {len(m)} mutants killed ({100*k//max(1,len(m))}%); report in service-tests/target/pit-reports/index.html")'

# ---- Lambda packaging and emulation --------------------------------------------------------------
# make package builds the zip the Java managed runtime loads (classes at the root, lib/*.jar),
# reproducibly; make run-lambda-local serves it under the local Lambda emulation (lambda-emulator/):
# the API Gateway HTTP API front on 127.0.0.1:$(PORT), so curl and verify.py work as against
# run-local, and the Lambda Invoke API on 127.0.0.1:$(INVOKE_PORT). docs/lambda.md has the details.

LAMBDA_ZIP := service/target/gateway-lambda.zip
LAMBDA_HANDLER := dev.retrievalgateway.lambda.ApiGatewayHandler::handleRequest
LAMBDA_ZIP_LIMIT := 52428800
EMULATOR_JAR := lambda-emulator/target/lambda-emulator-1.0.0-SNAPSHOT.jar
EMULATOR_RUN = $(JAVA_HOME)/bin/java -cp "$(EMULATOR_JAR):$$(cat lambda-emulator/target/classpath.txt)"
INVOKE_PORT ?= 9001
LAMBDA_ARGS ?=
COLD_RUNS ?= 5
WARM_RUNS ?= 50

.PHONY: package run-lambda-local bench-lambda lambda-it

package: ## the Lambda zip (service/target/gateway-lambda.zip), reproducible; prints size and SHA-256
	$(MVN) $(MVN_FLAGS) package -DskipTests -pl service -am
	@size=$$(stat -c %s $(LAMBDA_ZIP)); \
	if [ "$$size" -gt $(LAMBDA_ZIP_LIMIT) ]; then \
	  echo "package: $(LAMBDA_ZIP) is $$size bytes, over Lambda's 50 MB direct-upload limit" >&2; exit 1; \
	fi; \
	echo "package: $(LAMBDA_ZIP) $$size bytes, sha256 $$(sha256sum $(LAMBDA_ZIP) | cut -d' ' -f1)"

$(EMULATOR_JAR): $(shell find lambda-emulator/src/main -type f 2>/dev/null) lambda-emulator/pom.xml pom.xml
	$(MVN) $(MVN_FLAGS) package -DskipTests -pl lambda-emulator

run-lambda-local: package $(EMULATOR_JAR) ## the zip under local Lambda emulation: API on 127.0.0.1:8000, Invoke API on 9001
	exec $(EMULATOR_RUN) dev.retrievalgateway.emulator.Main \
	  --zip $(LAMBDA_ZIP) --handler $(LAMBDA_HANDLER) \
	  --front-port $(PORT) --invoke-port $(INVOKE_PORT) \
	  --env GATEWAY_LAMBDA_INSECURE_HEADERMODE=true \
	  --aot-cache target/lambda-emulator/gateway-$$(sha256sum $(LAMBDA_ZIP) | cut -c1-16).aot \
	  $(LAMBDA_ARGS)

bench-lambda: package $(EMULATOR_JAR) ## cold start and warm invoke medians of the zip under emulation, per JVM set-up
	$(EMULATOR_RUN) dev.retrievalgateway.emulator.ColdStartBench \
	  --zip $(LAMBDA_ZIP) --cold-runs $(COLD_RUNS) --warm-runs $(WARM_RUNS)

lambda-it: ## the emulated-Lambda tests: emulator, contract suite, verify.py, AWS SDK invoke; LocalStack where Docker is
	$(MVN) $(MVN_FLAGS) install -DskipTests -pl localstack-it -am
	$(MVN) $(MVN_FLAGS) verify -pl lambda-emulator,localstack-it
	@cat localstack-it/target/localstack-status.txt


# ---- cloud dev workflow --------------------------------------------------------------------------
# The AWS dev stack in terraform/ and the runbook's cloud targets. Each target is a script under
# scripts/ that can be read and run on its own; docs/cloud.md explains them. ENV_PREFIX names the
# environment (resource names and the Terraform workspace); the region comes from AWS_REGION,
# AWS_DEFAULT_REGION or the AWS CLI profile. Set AWS_ENDPOINT_URL to aim the AWS CLI elsewhere.

ENV_PREFIX ?= rg-dev
REF ?=
DENIED ?=
SINCE ?= 10m

.PHONY: doctor-aws deploy-dev smoke-cloud logs-cloud destroy-dev terraform-check

doctor-aws: ## show AWS identity, account, region and ENV_PREFIX; refuse the root user or no region
	@ENV_PREFIX='$(ENV_PREFIX)' scripts/doctor-aws


deploy-dev: ## build the zip, terraform apply for ENV_PREFIX, print the API URL; REF=<tag|commit> redeploys that ref
	@ENV_PREFIX='$(ENV_PREFIX)' REF='$(REF)' MAKE='$(RECIPE_MAKE)' scripts/deploy-dev

smoke-cloud: ## Cognito ID tokens for the demo users, then verify.py in JWT mode against the API
	@ENV_PREFIX='$(ENV_PREFIX)' scripts/smoke-cloud

logs-cloud: ## follow the function's log group; DENIED=1 shows only access_denied, SINCE=1h looks further back
	@ENV_PREFIX='$(ENV_PREFIX)' DENIED='$(DENIED)' SINCE='$(SINCE)' scripts/logs-cloud

destroy-dev: ## terraform destroy for ENV_PREFIX: the cost kill switch
	@ENV_PREFIX='$(ENV_PREFIX)' scripts/destroy-dev

terraform-check: ## terraform fmt -check -recursive (one skip line where terraform is not installed)
	@if command -v terraform >/dev/null 2>&1; then \
	  terraform fmt -check -recursive terraform 2>/dev/null || { echo "terraform-check: run: terraform fmt -recursive terraform"; exit 1; }; \
	  echo "terraform-check: terraform fmt ok"; \
	else \
	  echo "terraform-check: skipped: terraform is not installed"; \
	fi
