/// A JSON syntax error with the line and column (1-based, counted in Unicode scalars) where it
/// was found.
package struct JSONSyntaxError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong.
    package var message: String
    /// The 1-based line.
    package var line: Int
    /// The 1-based column, in Unicode scalars.
    package var column: Int

    /// An error at `line`:`column`.
    package init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// `line L, column C: message`.
    package var description: String { "line \(self.line), column \(self.column): \(self.message)" }
}
