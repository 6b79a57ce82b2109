import Tokenization

/// Tokenization's streaming decoder (UTF-8 split across tokens held back) drives the
/// generation loop's text.
extension StreamingDecoder: TokenTextDecoder {}
