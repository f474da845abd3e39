package dev.retrievalgateway.search;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.identity.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The names of the OpenSearch store's indices, made only from a {@link TenantScope} and a {@link
 * Classification}: {@code <prefix><classification>-<tenant>}, e.g. {@code rg-internal-tenant-a},
 * plus one registry index {@code <prefix>registry} (ids and quotas, never searched).
 *
 * <p>The mapping is injective: no classification's wire name is a prefix of another's, so {@link
 * #parse} recovers the (tenant, classification) of every name, and two pairs never share an index.
 * Every name is a concrete index name OpenSearch accepts and treats as ordinary: the prefix ({@code
 * [a-z0-9][a-z0-9-]{0,31}}) and a tenant name ({@code [a-z0-9][a-z0-9._-]{0,63}}) hold no
 * upper-case letter, no wildcard ({@code *}, {@code ?}), no {@code , : # \ / " < > |} or space, and
 * a name never starts with {@code .} (hidden), {@code _}, {@code -} or {@code +}; at most 109
 * characters, under OpenSearch's 255 bytes. The store never creates an alias.
 */
final class OpenSearchIndexNames {
  private final String prefix;

  OpenSearchIndexNames(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /** The index of one (tenant, classification). */
  String of(TenantScope tenant, Classification classification) {
    return prefix + classification.wireName() + "-" + tenant.name();
  }

  /**
   * The indices of the tenant whose classification the clearance may read, lowest first: exactly
   * the indices a search names (never a pattern).
   */
  List<String> readable(TenantScope tenant, Classification clearance) {
    List<String> names = new ArrayList<>();
    for (Classification c : Classification.values()) {
      if (c.isReadableWith(clearance)) {
        names.add(of(tenant, c));
      }
    }
    return names;
  }

  /** Every index of the tenant, one per classification. */
  List<String> all(TenantScope tenant) {
    return readable(tenant, Classification.RESTRICTED);
  }

  /** The registry: one document per (tenant, doc id), and one quota counter per tenant. */
  String registry() {
    return prefix + "registry";
  }

  /** The (tenant name, classification) an index name was made from; empty for any other name. */
  Optional<Pair> parse(String name) {
    if (!name.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = name.substring(prefix.length());
    for (Classification c : Classification.values()) {
      String head = c.wireName() + "-";
      if (rest.startsWith(head)) {
        return Optional.of(new Pair(rest.substring(head.length()), c));
      }
    }
    return Optional.empty();
  }

  /** A tenant's name and a classification, as an index name encodes them. */
  record Pair(String tenant, Classification classification) {}
}
