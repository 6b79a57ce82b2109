/// Modifier keys held with a key.
package struct KeyModifiers: OptionSet, Hashable, Sendable {
    package let rawValue: UInt8

    package init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    package static let control = KeyModifiers(rawValue: 1 << 0)
    package static let alt = KeyModifiers(rawValue: 1 << 1)
    package static let shift = KeyModifiers(rawValue: 1 << 2)
}
