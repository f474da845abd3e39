package dev.retrievalgateway.config;

import java.util.Locale;

/** Where documents and their indexes live ({@code gateway.store}). */
public enum StoreKind {
  /** In this process's heap: the embedded default, ephemeral, one instance. */
  MEMORY,
  /** In OpenSearch: shared by every instance, durable (the production store). */
  OPENSEARCH;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
