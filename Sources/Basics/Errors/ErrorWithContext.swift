/// An error with a human explanation layered over an underlying error.
///
/// Use it to add "while doing what" to an error without concatenating strings at every level:
/// `throw ErrorWithContext("loading config.json", underlying: error)`.
public struct ErrorWithContext: Error, CustomStringConvertible, Sendable {
    /// What was being done when the underlying error happened.
    public var context: String
    /// The error that caused this one.
    public var underlying: any Error

    public init(_ context: String, underlying: any Error) {
        self.context = context
        self.underlying = underlying
    }

    public var description: String {
        "\(self.context): \(describe(self.underlying))"
    }
}

/// A "cannot happen" error: asserts in debug builds and asks the user to report it in release.
public struct InternalError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String, file: StaticString = #fileID, line: UInt = #line) {
        self.message = "\(message) (\(file):\(line))"
        assertionFailure("internal error: \(self.message)")
    }

    public var description: String {
        "internal error: \(self.message); please report this as a bug"
    }
}

/// One line of text for any error, preferring `CustomStringConvertible` over the default dump.
public func describe(_ error: any Error) -> String {
    if let described = error as? any CustomStringConvertible {
        return described.description
    }
    return String(describing: error)
}
