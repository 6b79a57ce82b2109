#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Identifiers in OpenAI's formats: `chatcmpl-…`, `cmpl-…`, `call_…`.
enum CompletionID {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    /// `prefix` and 24 random letters and digits.
    static func make(_ prefix: String, length: Int = 24) -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + String((0..<length).map { _ in Self.alphabet[Int(generator.next(upperBound: UInt64(Self.alphabet.count)))] })
    }

    /// The current Unix time in seconds (`created`).
    static var now: Int { Int(time(nil)) }
}
