package dev.retrievalgateway.observe;

import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.argument.StructuredArgument;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * One structured log event: its name, then typed fields in the order they were added. A handler
 * never formats a log line by hand; it fills an event and the JSON encoder writes it.
 *
 * <pre>{@code
 * Event.named("request").with(Field.METHOD, "GET").with(Field.STATUS, 200).log(logger);
 * }</pre>
 */
public final class Event {
  private final String name;
  private final List<StructuredArgument> fields = new ArrayList<>();

  private Event(String name) {
    this.name = name;
    fields.add(StructuredArguments.keyValue("event", name));
  }

  public static Event named(String name) {
    return new Event(name);
  }

  /** Adds a field; a null value is left out. */
  public Event with(Field field, Object value) {
    if (value != null) {
      fields.add(StructuredArguments.keyValue(field.jsonName(), value));
    }
    return this;
  }

  /** Adds who asked: user, tenant and role, each left out when null. */
  public Event with(AuditLog.Who who) {
    return with(Field.USER, who.user())
        .with(Field.TENANT, who.tenant())
        .with(Field.ROLE, who.role());
  }

  public void log(Logger logger) {
    log(logger, Level.INFO);
  }

  /** Writes the event: the message is the event's name, the fields are structured arguments. */
  public void log(Logger logger, Level level) {
    logger.atLevel(level).log(name, fields.toArray());
  }
}
