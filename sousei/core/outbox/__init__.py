"""The outbox: one outgoing-message model and one send task for every e-mail and in-app
notification of every app, each message written in its recipient's language.

- `models.OutboxMessage`: the message, as its recipient reads it (imported by core.models so
  Django finds it);
- `kinds`: what each app's kind codes mean to a reader, registered from the apps' ready();
- `services.message_queue`: an app's services hand over a rendered message; the e-mail goes
  out after their transaction commits;
- `selectors`: a user's in-app inbox, the messages about one object;
- `tasks.outbox_send`: the one send task, once per message.

Core never imports the apps: they render their texts and call in here.
"""
