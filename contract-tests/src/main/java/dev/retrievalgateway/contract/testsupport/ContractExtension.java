package dev.retrievalgateway.contract.testsupport;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives the suite's tests their {@link Api}, {@link ContractTarget} and {@link Corpus}. The target
 * is set up once per run (started in-process when no {@code contract.baseUrl} is given) and torn
 * down when the run ends; a {@link Corpus} lives as long as the test or class that asked for it.
 */
public final class ContractExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ContractExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Api.class || type == ContractTarget.class || type == Corpus.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Session session =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                Session.class, k -> Session.open(context.getRoot()), Session.class);
    Class<?> type = parameter.getParameter().getType();
    if (type == Api.class) {
      return session.api;
    }
    if (type == ContractTarget.class) {
      return session.api.target();
    }
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Corpus.class, k -> new Corpus(session.api), Corpus.class);
  }

  /** One run's target; closing it stops what the run started. */
  private static final class Session implements AutoCloseable {
    private final InProcess inProcess;
    private final Api api;

    private Session(InProcess inProcess, Api api) {
      this.inProcess = inProcess;
      this.api = api;
    }

    static Session open(ExtensionContext root) {
      InProcess inProcess = new InProcess();
      try {
        ContractTarget target = ContractTarget.from(key -> parameter(root, key), inProcess);
        URI base = target.baseUri();
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        // The project's document, never the one the target serves: see OpenApiCheck.
        Api api = new Api(target, base, OpenApiCheck.ofProjectDocument(basePath));
        System.out.println(
            "contract suite: target "
                + target.baseUri()
                + ", "
                + target.mode().wireName()
                + " mode, run "
                + target.runId()
                + ", tenants "
                + target.tenantA()
                + " and "
                + target.tenantB());
        return new Session(inProcess, api);
      } catch (RuntimeException | Error e) {
        inProcess.close();
        throw e;
      }
    }

    /** Blank values count as absent, so that an empty make variable means "not given". */
    private static Optional<String> parameter(ExtensionContext root, String key) {
      return root.getConfigurationParameter(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public void close() {
      inProcess.close();
    }
  }
}
