#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the TOML subset Seam's theme, keymap and settings files use.
///
/// Supported: comments, bare / quoted / dotted keys, basic and literal strings (single- and
/// multi-line, with the TOML escapes), integers (decimal, hex, octal, binary, `_` separators),
/// floats (`inf`, `nan`), booleans, arrays, inline tables, `[table]` and `[[array of tables]]`
/// headers. Not supported: dates and times, which get an error saying so. Every error carries the
/// file, line and column.
public enum TOML {
    /// Parses `text`; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> TOMLTable {
        var parser = TOMLParser(bytes: Array(text.utf8), file: file)
        return try parser.parseDocument()
    }

    /// Reads and parses the file at `path`.
    public static func load(path: String) throws(ConfigurationError) -> TOMLTable {
        let bytes = try self.readFile(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = Self.firstInvalidUTF8Offset(bytes)
            let (line, column) = Self.position(of: offset, in: bytes)
            throw ConfigurationError(.unreadable, "the file is not valid UTF-8", file: path, line: line, column: column)
        }
        return try self.parse(text, file: path)
    }

    private static func readFile(_ path: String) throws(ConfigurationError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ConfigurationError(.unreadable, "cannot open: \(String(cString: strerror(errno)))", file: path)
        }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw ConfigurationError(.unreadable, "cannot read: \(String(cString: strerror(errno)))", file: path)
            }
            if count == 0 { break }
            result.append(contentsOf: buffer[0..<count])
            if result.count > 16 << 20 {
                throw ConfigurationError(.unreadable, "the file is larger than 16 MiB; is it really a settings file?", file: path)
            }
        }
        return result
    }

    /// The offset of the first byte that does not start or continue a well-formed UTF-8 sequence.
    private static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
            if String(validating: bytes[index..<(index + length)], as: UTF8.self) == nil { return index }
            index += length
        }
        return bytes.count
    }

    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var index = 0
        while index < offset && index < bytes.count {
            if bytes[index] == 0x0A {
                line += 1
                column = 1
            } else if bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }
}
