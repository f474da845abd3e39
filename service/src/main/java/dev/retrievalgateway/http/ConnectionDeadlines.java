package dev.retrievalgateway.http;

import dev.retrievalgateway.config.ServerTimeouts;
import io.helidon.common.socket.SocketOptions;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections that do not deliver a request in time: a connection that sends nothing, a
 * request head that never completes, a body trickled a byte at a time. Each connection has one
 * deadline at a time, set by what it is doing:
 *
 * <ul>
 *   <li>accepted, or between requests: the next request must start within {@code idle} (a new
 *       connection gets {@code header}, as nothing was read from it yet);
 *   <li>its first bytes have arrived: the head (request line and headers) must be complete within
 *       {@code header};
 *   <li>the head is complete and a body is declared: the body must be read within {@code body};
 *   <li>the request is being processed: no deadline (the handler's work is not the client's).
 * </ul>
 *
 * A connection past its deadline gets its input shut down: a blocked read returns end of stream, so
 * Helidon closes the connection the way it does when the client leaves, and a handler reading a
 * body answers {@code 400}. A sweeper checks every {@link #SWEEP} (the bound is the timeout plus at
 * most one sweep).
 *
 * <p>Written here because Helidon 4.5 has no header or body timeout, and its idle timeout ({@code
 * idle-connection-timeout}) neither sees a connection before its first request line (it is not yet
 * registered) nor interrupts a connection that is reading headers or a body; the socket read
 * timeout of its {@code connection-options} is a client setting its server does not apply.
 */
final class ConnectionDeadlines {
  static final Duration SWEEP = Duration.ofMillis(250);

  /** No deadlines: connections are registered nowhere and never cut off. */
  static final ConnectionDeadlines NONE = new ConnectionDeadlines(null);

  private static final ScheduledExecutorService SWEEPER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "connection-deadlines");
            t.setDaemon(true);
            return t;
          });

  private final ServerTimeouts timeouts;
  private final Map<SocketAddress, Connection> connections = new ConcurrentHashMap<>();

  ConnectionDeadlines(ServerTimeouts timeouts) {
    this.timeouts = timeouts;
    if (timeouts != null) {
      SWEEPER.scheduleWithFixedDelay(
          this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** The deadline of the connection from {@code peer}; a no-op one if it is unknown. */
  Connection of(SocketAddress peer) {
    Connection connection = connections.get(peer);
    return connection == null ? Connection.UNTRACKED : connection;
  }

  /** Socket options that register every accepted connection here, then apply {@code options}. */
  SocketOptions registering(SocketOptions options) {
    return timeouts == null ? options : new RegisteringOptions(options);
  }

  private void accepted(SocketChannel channel) {
    try {
      SocketAddress peer = channel.getRemoteAddress();
      Connection connection = new Connection(channel, timeouts);
      connection.deadline(timeouts.header());
      connections.put(peer, connection);
    } catch (IOException e) {
      // the client has already gone: nothing to watch
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    connections.entrySet().removeIf(entry -> entry.getValue().expireIfDue(now));
  }

  /** One connection's deadline. */
  static class Connection {
    static final Connection UNTRACKED = new Connection(null, null);
    private static final long NONE = Long.MAX_VALUE;
    private final SocketChannel channel;
    private final ServerTimeouts timeouts;
    private volatile boolean idle = true;
    private volatile long deadline = NONE;

    private Connection(SocketChannel channel, ServerTimeouts timeouts) {
      this.channel = channel;
      this.timeouts = timeouts;
    }

    /** Bytes arrived: if the connection was between requests, a request head has begun. */
    void bytesArrived() {
      if (channel != null && idle) {
        idle = false;
        deadline(timeouts.header());
      }
    }

    /** The head is complete; the body, if any, is due within the body timeout. */
    void headReceived(boolean bodyFollows) {
      if (channel != null) {
        idle = false;
        if (bodyFollows) {
          deadline(timeouts.body());
        } else {
          deadline = NONE;
        }
      }
    }

    /** The body has been read: processing has no deadline. */
    void bodyReceived() {
      deadline = NONE;
    }

    /** The response is written: the connection is between requests. */
    void responded() {
      if (channel != null) {
        idle = true;
        deadline(timeouts.idle());
      }
    }

    private void deadline(Duration after) {
      deadline = System.nanoTime() + after.toNanos();
    }

    /** True when the connection is gone or has just been cut off: no longer watched. */
    private boolean expireIfDue(long now) {
      if (!channel.isOpen()) {
        return true;
      }
      if (now - deadline < 0 || deadline == NONE) {
        return false;
      }
      try {
        channel.shutdownInput();
      } catch (IOException e) {
        // already closing
      }
      return true;
    }
  }

  /** Helidon's socket options, plus the registration of each accepted channel. */
  private final class RegisteringOptions implements SocketOptions {
    private final SocketOptions delegate;

    RegisteringOptions(SocketOptions delegate) {
      this.delegate = delegate;
    }

    @Override
    public void configureSocket(SocketChannel socket) {
      delegate.configureSocket(socket);
      accepted(socket);
    }

    @Override
    public void configureSocket(Socket socket) {
      delegate.configureSocket(socket);
    }

    @Override
    public Map<SocketOption<?>, Object> socketOptions() {
      return delegate.socketOptions();
    }

    @Override
    public Duration connectTimeout() {
      return delegate.connectTimeout();
    }

    @Override
    public Duration readTimeout() {
      return delegate.readTimeout();
    }

    @Override
    public Optional<Integer> socketReceiveBufferSize() {
      return delegate.socketReceiveBufferSize();
    }

    @Override
    public Optional<Integer> socketSendBufferSize() {
      return delegate.socketSendBufferSize();
    }

    @Override
    public boolean socketReuseAddress() {
      return delegate.socketReuseAddress();
    }

    @Override
    public boolean socketKeepAlive() {
      return delegate.socketKeepAlive();
    }

    @Override
    public boolean tcpNoDelay() {
      return delegate.tcpNoDelay();
    }
  }
}
