package dev.retrievalgateway.observe;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * Writes a library's logged throwable as class names and frames, without messages: a library's
 * exception message can carry request input. Used by {@code logback.xml}'s stack trace field.
 */
public final class MessageFreeThrowableConverter extends ThrowableHandlingConverter {
  private static final int MAX_LINES = 80;

  @Override
  public String convert(ILoggingEvent event) {
    IThrowableProxy proxy = event.getThrowableProxy();
    if (proxy == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    int lines = 0;
    boolean first = true;
    while (proxy != null && lines < MAX_LINES) {
      if (!first) {
        text.append("caused by ");
      }
      text.append(proxy.getClassName()).append('\n');
      for (StackTraceElementProxy frame : proxy.getStackTraceElementProxyArray()) {
        if (++lines >= MAX_LINES) {
          text.append("\t...\n");
          break;
        }
        text.append('\t').append(frame.getSTEAsString()).append('\n');
      }
      first = false;
      proxy = proxy.getCause();
    }
    return text.toString();
  }
}
