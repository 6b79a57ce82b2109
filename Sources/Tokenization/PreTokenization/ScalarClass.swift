/// The character classes the DeepSeek pre-tokenizer regexes test, as bit flags per scalar.
///
/// General categories come from the Swift standard library's Unicode tables; `\s` is the Unicode
/// `White_Space` property, which is what Oniguruma (the regex engine behind HF `tokenizers`)
/// matches for `\s` on UTF-8 text. The two can disagree only on characters assigned in Unicode
/// versions newer than one of them.
struct ScalarClass: OptionSet, Sendable {
    let rawValue: UInt16

    /// `\p{L}`.
    static let letter = ScalarClass(rawValue: 1 << 0)
    /// `\p{M}`.
    static let mark = ScalarClass(rawValue: 1 << 1)
    /// `\p{N}`.
    static let number = ScalarClass(rawValue: 1 << 2)
    /// `\p{P}` or `\p{S}` (the regexes only ever test them together).
    static let punctuationOrSymbol = ScalarClass(rawValue: 1 << 3)
    /// `\s`: Unicode White_Space.
    static let whitespace = ScalarClass(rawValue: 1 << 4)
    /// `\r` or `\n`.
    static let lineBreak = ScalarClass(rawValue: 1 << 5)
    /// The second regex's class `[一-龥぀-ゟ゠-ヿ]`: U+4E00–U+9FA5, U+3040–U+309F, U+30A0–U+30FF.
    static let cjk = ScalarClass(rawValue: 1 << 6)
    /// The first alternative's leading class: the 32 ASCII punctuation and symbol characters.
    static let asciiPunctuation = ScalarClass(rawValue: 1 << 7)
    /// `[A-Za-z]`.
    static let asciiLetter = ScalarClass(rawValue: 1 << 8)
    /// U+0020, the optional leading space of `' ?[\p{P}\p{S}]+'`.
    static let space = ScalarClass(rawValue: 1 << 9)

    /// `\p{L}` or `\p{M}`.
    static let letterOrMark: ScalarClass = [.letter, .mark]

    /// Calls `body` with a function classifying scalar values, backed by the precomputed table
    /// for the Basic Multilingual Plane (fetched once per call rather than once per scalar).
    @inline(__always)
    static func withClassifier<Result>(_ body: ((UInt32) -> ScalarClass) -> Result) -> Result {
        basicPlaneClasses.withUnsafeBufferPointer { table in
            body { value in
                if value < 0x10000 { return ScalarClass(rawValue: table[Int(value)]) }
                guard let scalar = Unicode.Scalar(value) else { return [] }
                return ScalarClass.compute(scalar)
            }
        }
    }

    /// Computes the class from the Unicode tables (used to fill the Basic Multilingual Plane table
    /// once, and directly for supplementary-plane scalars).
    static func compute(_ scalar: Unicode.Scalar) -> ScalarClass {
        var result: ScalarClass = []
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            result.insert(.letter)
        case .nonspacingMark, .spacingMark, .enclosingMark:
            result.insert(.mark)
        case .decimalNumber, .letterNumber, .otherNumber:
            result.insert(.number)
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            result.insert(.punctuationOrSymbol)
        default:
            break
        }
        if scalar.properties.isWhitespace { result.insert(.whitespace) }
        let value = scalar.value
        if value == 0x0D || value == 0x0A { result.insert(.lineBreak) }
        if (0x4E00...0x9FA5).contains(value) || (0x3040...0x30FF).contains(value) { result.insert(.cjk) }
        if value < 0x80 {
            let byte = UInt8(value)
            if (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
                || (0x7B...0x7E).contains(byte)
            {
                result.insert(.asciiPunctuation)
            }
            if (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) { result.insert(.asciiLetter) }
            if byte == 0x20 { result.insert(.space) }
        }
        return result
    }
}

/// Classes of U+0000…U+FFFF, computed once on first use (128 KiB).
private let basicPlaneClasses: [UInt16] = {
    var table = [UInt16](repeating: 0, count: 0x10000)
    for value in 0..<0x10000 {
        if let scalar = Unicode.Scalar(UInt32(value)) {
            table[value] = ScalarClass.compute(scalar).rawValue
        }
    }
    return table
}()
