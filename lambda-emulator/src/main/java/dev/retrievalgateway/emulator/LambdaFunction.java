package dev.retrievalgateway.emulator;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One function and its execution environment. Like a Lambda function with reserved concurrency 1
 * (the Terraform default for the gateway, whose demo store lives in memory), it runs one invocation
 * at a time; others wait their turn. The environment starts on the first invocation (a cold start)
 * and is replaced after a timeout, a crash or a failed init, on the next invocation.
 */
public final class LambdaFunction implements AutoCloseable {
  private final FunctionConfig config;
  private final ReentrantLock oneAtATime = new ReentrantLock(true);
  private final AtomicInteger instances = new AtomicInteger();
  private FunctionInstance instance;

  LambdaFunction(FunctionConfig config) {
    this.config = config;
  }

  public String name() {
    return config.name();
  }

  /** Invokes the function synchronously (RequestResponse) with a JSON payload. */
  public InvokeResult invoke(byte[] payload) {
    String requestId = UUID.randomUUID().toString();
    oneAtATime.lock();
    try {
      if (instance == null || !instance.alive()) {
        if (instance != null) {
          instance.close();
        }
        instance = FunctionInstance.start(config, instanceDir());
      }
      InvokeResult result = instance.invoke(requestId, payload);
      if (!instance.alive()) {
        instance.close();
        instance = null;
      }
      return result;
    } finally {
      oneAtATime.unlock();
    }
  }

  /** How many execution environments have been started so far (one per cold start). */
  public int coldStarts() {
    return instances.get();
  }

  private Path instanceDir() {
    return config
        .workDir()
        .resolve("instances")
        .resolve(config.name() + "-" + instances.incrementAndGet());
  }

  /** The running environment's process id, for tests that check a restart. */
  long currentPid() {
    oneAtATime.lock();
    try {
      return instance == null ? -1 : instance.pid();
    } finally {
      oneAtATime.unlock();
    }
  }

  @Override
  public void close() {
    oneAtATime.lock();
    try {
      if (instance != null) {
        instance.close();
        instance = null;
      }
    } finally {
      oneAtATime.unlock();
    }
  }
}
