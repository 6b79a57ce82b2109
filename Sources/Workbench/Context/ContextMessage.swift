/// A message as sent to the model: a role and text. The effects layer turns these into the
/// wire's chat messages; keeping them separate lets the memory pane, the context meter and the
/// request share one definition of "what is sent".
package struct ContextMessage: Hashable, Sendable {
    /// The speaker.
    package enum Role: String, Hashable, Sendable {
        case system, user, assistant
    }

    package var role: Role
    package var content: String

    package init(role: Role, content: String) {
        self.role = role
        self.content = content
    }
}
