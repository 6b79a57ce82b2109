/// An entry of tokenizer.json's `added_tokens`: a string matched in text as one token before
/// pre-tokenization (special tokens such as `<｜User｜>`, and any other added token).
package struct AddedToken: Sendable, Hashable {
    /// The token id.
    package var id: Int
    /// The exact text of the token.
    package var content: String
    /// Special tokens are dropped when decoding with `skipSpecialTokens`.
    package var isSpecial: Bool
    /// Whether HF matches the token after normalization (a second matching pass here).
    package var isNormalized: Bool

    /// Creates an added token.
    package init(id: Int, content: String, isSpecial: Bool, isNormalized: Bool = false) {
        self.id = id
        self.content = content
        self.isSpecial = isSpecial
        self.isNormalized = isNormalized
    }
}
