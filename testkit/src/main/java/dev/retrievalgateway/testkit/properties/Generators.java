package dev.retrievalgateway.testkit.properties;

import static org.quicktheories.generators.SourceDSL.lists;

import dev.retrievalgateway.access.Classification;
import dev.retrievalgateway.access.Role;
import dev.retrievalgateway.config.GatewayConfig;
import dev.retrievalgateway.corpus.Document;
import dev.retrievalgateway.identity.HeaderIdentity;
import dev.retrievalgateway.identity.Principal;
import dev.retrievalgateway.identity.TenantScope;
import dev.retrievalgateway.testkit.jwt.TestIssuer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The domain's generators: tenants, users, roles, principals, documents, corpora and queries. Each
 * is a {@code Gen} built from smaller ones, so that QuickTheories can shrink a counterexample to
 * the smallest corpus and query that still fail.
 *
 * <p>Pools are small on purpose: the interesting cases are collisions (the same doc id in two
 * tenants, the same word in documents of every tenant and classification), and small pools make
 * them frequent.
 *
 * <pre>{@code
 * qt().forAll(Generators.corpora(), Generators.principals())
 *     .checkAssert((corpus, principal) -> ...);
 * }</pre>
 */
public final class Generators {
  /**
   * Words every tenant writes with (the demo corpus's topics), so that a query built from one
   * tenant's document also matches documents of every other tenant and classification.
   */
  public static final List<String> VOCABULARY =
      List.of(
          "revenue",
          "forecast",
          "quarterly",
          "incident",
          "postmortem",
          "onboarding",
          "roadmap",
          "security",
          "audit",
          "payroll",
          "merger",
          "vendor",
          "contract",
          "budget",
          "pipeline",
          "customer",
          "churn",
          "latency",
          "outage",
          "compliance",
          "hiring",
          "pricing",
          "launch",
          "migration",
          "falcon",
          "aurora",
          "renewal",
          "escalation",
          "backlog",
          "dividend");

  /** Text a plain-text query must treat as text: Lucene syntax, operators, punctuation. */
  static final List<String> SYNTAX =
      List.of(
          "AND",
          "OR",
          "NOT",
          "*",
          "?",
          "\"",
          "title:",
          "body:",
          "(",
          ")",
          "~2",
          "^3",
          "-",
          "+",
          "\\",
          "/",
          "[a TO z]",
          "{",
          "!",
          ":",
          "&&",
          "||");

  private Generators() {}

  /** Valid tenant names; a small pool, with now and then any name the rule allows. */
  public static Gen<String> tenants() {
    Gen<String> pool = Generate.pick(List.of("tenant-a", "tenant-b", "tenant-c", "a", "b.0"));
    return pool.mix(names(), 20);
  }

  /** Valid user names. */
  public static Gen<String> users() {
    return Generate.pick(List.of("demo", "ops", "u1", "x.y_z-0")).mix(names(), 20);
  }

  /** Names of 1 to 64 characters of {@code [a-z0-9._-]}, first one {@code [a-z0-9]}. */
  public static Gen<String> names() {
    Gen<Character> first = Generate.pick(chars("abcdefghijklmnopqrstuvwxyz0123456789"));
    Gen<Character> rest = Generate.pick(chars("abcdefghijklmnopqrstuvwxyz0123456789._-"));
    Gen<Integer> restLength = Generate.range(0, 63).mix(Generate.range(0, 6), 80);
    return first.zip(restLength.flatMap(n -> lists().of(rest).ofSize(n)), (c, cs) -> c + join(cs));
  }

  /** The default configuration's roles: intern, analyst, admin. */
  public static Gen<Role> roles() {
    return Generate.pick(List.copyOf(GatewayConfig.defaultRoles().values()));
  }

  /** Any role configuration may define: any clearance, writer or not. */
  public static Gen<Role> anyRoles() {
    return Generate.enumValues(Classification.class)
        .zip(Generate.booleans(), (c, w) -> new Role("role-" + c.wireName(), c, w))
        .mix(roles(), 50);
  }

  public static Gen<Classification> classifications() {
    return Generate.enumValues(Classification.class);
  }

  /** Principals of any valid tenant, with a default role. */
  public static Gen<Principal> principals() {
    return principalsOf(tenants(), roles());
  }

  /**
   * Principals of one of the corpus's tenants (or, now and then, of a tenant with nothing), with
   * roles from {@code roles}.
   */
  public static Gen<Principal> principalsOf(Corpus corpus, Gen<Role> roles) {
    List<String> tenants = new ArrayList<>(corpus.tenants());
    Gen<String> inCorpus = tenants.isEmpty() ? tenants() : Generate.pick(tenants);
    return principalsOf(inCorpus.mix(tenants(), 10), roles);
  }

  private static Gen<Principal> principalsOf(Gen<String> tenants, Gen<Role> roles) {
    return users()
        .zip(
            tenants,
            roles,
            (user, tenant, role) ->
                new Principal(HeaderIdentity.ISSUER, user, TenantScope.of(tenant), role));
  }

  /**
   * Document ids: mostly from a pool of ten, so that the same id exists in several tenants and
   * levels; now and then any id of {@code [A-Za-z0-9._-]{1,64}}.
   */
  public static Gen<String> docIds() {
    Gen<String> pool = Generate.range(0, 9).map(i -> "d" + i);
    Gen<Character> c =
        Generate.pick(chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"));
    Gen<String> any = lists().of(c).ofSizeBetween(1, 64).map(Generators::join);
    return pool.mix(any, 10);
  }

  /** Texts of 1 to {@code max} words of the shared vocabulary. */
  public static Gen<String> texts(int max) {
    return lists()
        .of(Generate.pick(VOCABULARY))
        .ofSizeBetween(1, max)
        .map(words -> String.join(" ", words));
  }

  /**
   * Documents: a title of up to 4 words, a body of up to 24, and now and then a body of up to 120
   * words, longer than a snippet (300 characters), so that snippets are cut from a window.
   */
  public static Gen<Document> documents() {
    return docIds().zip(texts(4), bodies(), classifications(), Document::new);
  }

  /** Bodies: mostly up to 24 words, sometimes up to 120 (more than a snippet holds). */
  public static Gen<String> bodies() {
    return texts(24).mix(texts(120), 10);
  }

  /** A document of a tenant. */
  public static Gen<Corpus.Entry> entries() {
    return tenants().zip(documents(), Corpus.Entry::new);
  }

  /**
   * Corpora of 0 to 24 documents (mostly at most 6) over two tenants and now and then others, whose
   * vocabulary overlaps across tenants and classifications. A (tenant, id) pair occurs at most
   * once.
   */
  public static Gen<Corpus> corpora() {
    Gen<String> tenantsOfACorpus = Generate.pick(List.of("tenant-a", "tenant-b"));
    Gen<Corpus.Entry> entry =
        tenantsOfACorpus.mix(tenants(), 15).zip(documents(), Corpus.Entry::new);
    // Mostly small (a corpus costs a Lucene index per tenant and level), sometimes a full one.
    Gen<Integer> sizes = Generate.range(0, 6).mix(Generate.range(0, 24), 15);
    return sizes.flatMap(n -> lists().of(entry).ofSize(n)).map(Corpus::of);
  }

  /**
   * Plain-text queries built from the words of any tenant's documents in the corpus (so that they
   * match across tenants and classifications), sometimes with query-language syntax that must stay
   * text, and sometimes with words nobody wrote.
   */
  public static Gen<String> queriesFrom(Corpus corpus) {
    List<String> words = new ArrayList<>(corpus.words());
    Gen<String> word = words.isEmpty() ? Generate.pick(VOCABULARY) : Generate.pick(words);
    Gen<String> token =
        word.mix(Generate.pick(SYNTAX), 20).mix(Generate.pick(List.of("zeppelin", "the")), 5);
    return lists().of(token).ofSizeBetween(1, 5).map(ts -> String.join(" ", ts));
  }

  /** How many results a query asks for: mostly few, sometimes the contract's maximum. */
  public static Gen<Integer> topKs() {
    return Generate.range(1, 5).mix(Generate.range(1, 50), 30);
  }

  /**
   * A corpus, a principal (usually of one of its tenants) in any role configuration may define, a
   * query from the corpus's words, a top_k.
   */
  public static Gen<Scenario> scenarios() {
    return scenarios(anyRoles());
  }

  /** As {@link #scenarios()}, with principals in the roles {@code roles} gives. */
  public static Gen<Scenario> scenarios(Gen<Role> roles) {
    return corpora()
        .flatMap(
            corpus ->
                principalsOf(corpus, roles)
                    .zip(
                        queriesFrom(corpus),
                        topKs(),
                        (principal, query, topK) -> new Scenario(corpus, principal, query, topK)));
  }

  /** One to four changes, each to a document the scenario's principal may not read. */
  public static Gen<List<Change>> changesOutside(Scenario s) {
    return changes(
        entries().map(e -> outside(s, e)), s.corpus().unreadableBy(s.tenant(), s.clearance()));
  }

  /** One to four changes to any document: adds, replacements and deletes. */
  public static Gen<List<Change>> changes(Corpus corpus) {
    return changes(entries(), corpus.entries());
  }

  private static Gen<List<Change>> changes(Gen<Corpus.Entry> added, List<Corpus.Entry> existing) {
    Gen<Change> add = added.map(e -> new Change(Change.Kind.ADD, e));
    Gen<Change> change = add;
    if (!existing.isEmpty()) {
      Gen<Corpus.Entry> victim = Generate.pick(existing);
      Gen<Change> delete = victim.map(e -> new Change(Change.Kind.DELETE, e));
      Gen<Change> replace =
          victim.zip(
              texts(4),
              bodies(),
              (e, title, body) ->
                  new Change(
                      Change.Kind.REPLACE,
                      new Corpus.Entry(
                          e.tenant(), new Document(e.docId(), title, body, e.classification()))));
      change = add.mix(delete, 33).mix(replace, 33);
    }
    return lists().of(change).ofSizeBetween(1, 4);
  }

  /**
   * The entry moved outside what the scenario's principal may read: above its clearance when there
   * is a level above, otherwise into another tenant.
   */
  private static Corpus.Entry outside(Scenario s, Corpus.Entry e) {
    if (!Corpus.isReadableBy(s.tenant(), s.clearance()).test(e)) {
      return e;
    }
    Document d = e.document();
    if (s.clearance() != Classification.RESTRICTED) {
      Classification[] above =
          Arrays.copyOfRange(
              Classification.values(), s.clearance().ordinal() + 1, Classification.values().length);
      Classification level = above[Math.floorMod(d.docId().hashCode(), above.length)];
      return new Corpus.Entry(e.tenant(), new Document(d.docId(), d.title(), d.body(), level));
    }
    String other = s.tenant().equals("tenant-b") ? "tenant-a" : "tenant-b";
    return new Corpus.Entry(other, d);
  }

  /**
   * Stateful runs: two to four principals of two tenants with the default roles, and 1 to 30 steps
   * (ingest, delete, get, query) over a pool of six ids, so that conflicts, deletes of what exists
   * and reads of what another tenant holds all happen.
   */
  public static Gen<Run> runs() {
    Gen<Principal> member =
        users()
            .zip(
                Generate.pick(List.of("tenant-a", "tenant-b")),
                roles(),
                (u, t, r) -> new Principal(HeaderIdentity.ISSUER, u, TenantScope.of(t), r));
    return lists()
        .of(member)
        .ofSizeBetween(2, 4)
        .flatMap(
            cast -> lists().of(steps(cast.size())).ofSizeBetween(1, 30).map(s -> new Run(cast, s)));
  }

  private static Gen<Step> steps(int castSize) {
    Gen<Integer> who = Generate.range(0, castSize - 1);
    Gen<String> id = Generate.range(0, 5).map(i -> "d" + i);
    Gen<Document> doc = id.zip(texts(4), bodies(), classifications(), Document::new);
    Gen<Step> ingest = who.zip(doc, Step.Ingest::new);
    Gen<Step> delete = who.zip(id, Step.Delete::new);
    Gen<Step> get = who.zip(id, Step.Get::new);
    Gen<Step> query = who.zip(texts(3), topKs(), Step.Query::new);
    return ingest.mix(query, 40).mix(get, 25).mix(delete, 20);
  }

  /**
   * Canaries: {@code cnry} and 20 random letters and digits, a value that occurs nowhere unless it
   * was planted, so that finding it anywhere means it leaked.
   */
  public static Gen<String> canaries() {
    Gen<Character> c = Generate.pick(chars("abcdefghijklmnopqrstuvwxyz0123456789"));
    return lists().of(c).ofSize(20).map(cs -> "cnry" + join(cs));
  }

  /** Exactly valid header-mode identities: a user, a tenant and a default role's name. */
  public static Gen<IdentityHeaders> identities() {
    return IdentitySpoils.validIdentities();
  }

  /**
   * Identities that are not exactly valid: one header missing, empty, repeated, in the wrong case,
   * with whitespace, a look-alike or invisible character, overlong, or outside the name rule (see
   * {@link IdentitySpoils}). {@code overHttp} leaves out what HTTP itself cannot carry.
   */
  public static Gen<IdentityHeaders> spoiledIdentities(boolean overHttp) {
    return IdentitySpoils.spoiledIdentities(overHttp);
  }

  /**
   * JWT-mode attempts that are not exactly one valid token of {@code issuer} (see {@link
   * TokenSpoils}); {@code foreign} signs with keys the gateway does not trust.
   */
  public static Gen<BearerAttempt> spoiledBearers(
      TestIssuer issuer, TestIssuer foreign, Supplier<Instant> now) {
    return identities()
        .zip(
            Generate.enumValues(TokenSpoils.class),
            Generate.range(0, 1000),
            (id, spoil, at) -> spoil.apply(id, issuer, foreign, now.get(), at));
  }

  /** Exactly valid tokens of {@code issuer}, and the identity each carries. */
  public static Gen<ValidBearer> validBearers(TestIssuer issuer, Supplier<Instant> now) {
    return identities()
        .map(
            id ->
                new ValidBearer(
                    id,
                    BearerAttempt.bearer(
                        "none",
                        TokenSpoils.token(
                                issuer,
                                now.get(),
                                id.user().get(0),
                                id.tenant().get(0),
                                id.role().get(0))
                            .compact())));
  }

  /** A valid token and the identity it carries. */
  public record ValidBearer(IdentityHeaders identity, BearerAttempt attempt) {}

  private static List<Character> chars(String s) {
    List<Character> out = new ArrayList<>();
    for (char c : s.toCharArray()) {
      out.add(c);
    }
    return out;
  }

  private static String join(List<Character> cs) {
    StringBuilder sb = new StringBuilder();
    cs.forEach(sb::append);
    return sb.toString();
  }

  /** The distinct values of a list, in order of first appearance. */
  static <T> List<T> distinct(List<T> values) {
    Set<T> seen = new LinkedHashSet<>(values);
    return List.copyOf(seen);
  }
}
