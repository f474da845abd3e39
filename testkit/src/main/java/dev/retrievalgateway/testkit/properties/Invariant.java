package dev.retrievalgateway.testkit.properties;

/**
 * The invariants the property tests hold, numbered as docs/properties.md lists them; the property
 * report names each by number.
 */
public enum Invariant {
  TENANT_ISOLATION(1, "no cross-tenant leakage"),
  CLEARANCE(2, "nothing above the principal's clearance"),
  SCORE_ISOLATION(3, "scores ignore documents the principal cannot read"),
  NO_SECRETS_IN_LOGS(4, "no secrets in logs or responses"),
  DENY_BY_DEFAULT(5, "an identity that is not exactly valid gets 401"),
  NEVER_5XX_NEVER_ECHO(6, "malformed requests get a 4xx envelope that echoes no input"),
  MODEL(7, "random sequences of operations agree with a model of what each principal may see"),
  STORE_LAYOUT(8, "each (tenant, classification) has an OpenSearch index of its own, safely named");

  private final int number;
  private final String statement;

  Invariant(int number, String statement) {
    this.number = number;
    this.statement = statement;
  }

  public int number() {
    return number;
  }

  public String statement() {
    return statement;
  }
}
