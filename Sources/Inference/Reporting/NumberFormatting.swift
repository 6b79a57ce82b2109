/// Number formatting for the engine's reports (eval, bench, info, state routes): no
/// Foundation `String(format:)` needed.

/// `value` in scientific notation with 2 decimals (`3.64e-06`).
package func formatScientific(_ value: Float) -> String {
    guard value.isFinite, value != 0 else { return value == 0 ? "0" : "\(value)" }
    var exponent = 0
    var mantissa = Double(abs(value))
    while mantissa >= 10 { mantissa /= 10; exponent += 1 }
    while mantissa < 1 { mantissa *= 10; exponent -= 1 }
    let sign = value < 0 ? "-" : ""
    let exponentText = (exponent < 0 ? "-" : "+") + (abs(exponent) < 10 ? "0" : "") + String(abs(exponent))
    return sign + formatFixed(mantissa, 2) + "e" + exponentText
}

/// `value` with `decimals` digits after the point.
package func formatFixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (abs(value) * scale).rounded()
    let whole = Int(rounded / scale)
    let fraction = Int(rounded - Double(whole) * scale)
    var fractionText = String(fraction)
    while fractionText.count < decimals { fractionText = "0" + fractionText }
    return (value < 0 && rounded != 0 ? "-" : "") + String(whole) + (decimals > 0 ? "." + fractionText : "")
}

/// Bytes as a human-readable size (`1.41 MB`, `159.6 GB`), decimal units.
package func formatBytes(_ bytes: Int) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000 && unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    return unit == 0 ? "\(bytes) B" : formatFixed(value, value < 10 ? 2 : 1) + " " + units[unit]
}
