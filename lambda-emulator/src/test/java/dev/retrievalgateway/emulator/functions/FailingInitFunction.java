package dev.retrievalgateway.emulator.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** A function whose init phase fails: its constructor throws, as a refused configuration does. */
public final class FailingInitFunction implements RequestStreamHandler {

  public FailingInitFunction() {
    throw new IllegalStateException("init refused by the probe");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) {}
}
