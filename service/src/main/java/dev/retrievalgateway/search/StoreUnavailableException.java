package dev.retrievalgateway.search;

import java.util.Locale;

/**
 * The store could not answer: unreachable, slower than its timeout, or answering an error. The
 * request fails closed with {@code 503 unavailable}. It carries a category and the operation only:
 * never a library's message, which may quote document text, a query or an index name.
 */
public final class StoreUnavailableException extends RuntimeException {
  /** Why the store did not answer; the {@code category} of the {@code store_unavailable} event. */
  public enum Category {
    /** No connection could be made. */
    CONNECT,
    /** Connected, but no answer within the request timeout. */
    TIMEOUT,
    /** An error status, a failed shard, or a partial result. */
    STATUS,
    /** An answer that could not be read. */
    PROTOCOL;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Category category;
  private final String operation;

  public StoreUnavailableException(Category category, String operation) {
    super("store unavailable: " + category.wireName() + " during " + operation, null, false, false);
    this.category = category;
    this.operation = operation;
  }

  public Category category() {
    return category;
  }

  /** What the gateway asked of the store: {@code add}, {@code find}, {@code delete}, ... */
  public String operation() {
    return operation;
  }
}
