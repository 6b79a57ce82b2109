/// Why a tokenizer could not be loaded. Each case names the file, and where it applies the JSON
/// key path inside it, so the one-line message says exactly what to fix.
package enum TokenizerError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file or directory cannot be read (missing, a directory, no permission).
    case unreadable(path: String, reason: String)
    /// The file is not valid JSON.
    case invalidJSON(path: String, detail: String)
    /// The JSON is well formed but a value is missing, has the wrong type or is inconsistent.
    case malformed(path: String, keyPath: String, problem: String)
    /// The file describes a tokenizer this implementation does not support.
    case unsupported(path: String, keyPath: String, problem: String)

    /// One line naming the file, the place and the problem.
    package var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .invalidJSON(let path, let detail):
            return "\(path) is not valid JSON: \(detail)"
        case .malformed(let path, let keyPath, let problem):
            return "\(path): \(keyPath.isEmpty ? "" : keyPath + ": ")\(problem)"
        case .unsupported(let path, let keyPath, let problem):
            return "\(path): \(keyPath.isEmpty ? "" : keyPath + ": ")unsupported: \(problem)"
        }
    }
}
