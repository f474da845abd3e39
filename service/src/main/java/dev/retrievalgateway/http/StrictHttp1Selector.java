package dev.retrievalgateway.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Helidon's HTTP/1.1 connections, each reading its bytes through a {@link RequestStreamReader}
 * (method case, chunk extensions, the method of a {@code 414}) tied to its {@link
 * ConnectionDeadlines} entry. It replaces the listener's HTTP/1.1 protocol, so that every HTTP/1.1
 * connection is one of these.
 */
final class StrictHttp1Selector implements ServerConnectionSelector {
  private final Http1ConnectionSelector helidon;
  private final ConnectionDeadlines deadlines;
  private final int maxRequestLine;

  StrictHttp1Selector(Http1Config.Builder config, ConnectionDeadlines deadlines) {
    Http1Config http1 = config.addReceiveListener(new PhaseListener()).build();
    this.helidon = Http1ConnectionSelector.builder().config(http1).build();
    this.deadlines = deadlines;
    this.maxRequestLine = http1.maxPrologueLength();
  }

  @Override
  public int bytesToIdentifyConnection() {
    return helidon.bytesToIdentifyConnection();
  }

  @Override
  public Support supports(BufferData request) {
    return helidon.supports(request);
  }

  @Override
  public Set<String> supportedApplicationProtocols() {
    return helidon.supportedApplicationProtocols();
  }

  @Override
  public ServerConnection connection(ConnectionContext ctx) {
    RequestStreamReader reader =
        new RequestStreamReader(
            ctx.dataReader(), deadlines.of(ctx.remotePeer().address()), maxRequestLine);
    return helidon.connection(new ReadingThrough(ctx, reader));
  }

  /** Tells the reader where Helidon's parser is: in a header block, or past it. */
  private static final class PhaseListener implements Http1ConnectionListener {
    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
      if (ctx.dataReader() instanceof RequestStreamReader reader) {
        reader.prologueRead();
      }
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
      if (ctx.dataReader() instanceof RequestStreamReader reader) {
        reader.headersRead();
      }
    }
  }

  /** Helidon's connection context with another reader; everything else is the original's. */
  private record ReadingThrough(ConnectionContext delegate, DataReader reader)
      implements ConnectionContext {
    @Override
    public DataReader dataReader() {
      return reader;
    }

    @Override
    public ListenerContext listenerContext() {
      return delegate.listenerContext();
    }

    @Override
    public ExecutorService executor() {
      return delegate.executor();
    }

    @Override
    public DataWriter dataWriter() {
      return delegate.dataWriter();
    }

    @Override
    public Router router() {
      return delegate.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
      return delegate.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
      return delegate.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
      return delegate.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
      return delegate.localPeer();
    }

    @Override
    public boolean isSecure() {
      return delegate.isSecure();
    }

    @Override
    public String socketId() {
      return delegate.socketId();
    }

    @Override
    public String childSocketId() {
      return delegate.childSocketId();
    }
  }
}
