import Foundation
import HTTPTypes
import HummingbirdAuth
import KetaBridgeCore
import Logging
import NIOCore
import NIOFoundationCompat

/// The fields of an `application/x-www-form-urlencoded` body. Parsed once by the router for HTML posts.
public struct FormFields: Sendable, Equatable {
    public private(set) var values: [String: String] = [:]

    public init() {}

    /// Parses a URL-encoded body; a malformed one is a 400 naming the problem.
    public init(urlEncoded body: String) throws {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) throws -> String {
                guard let value = String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw DomainError.invalid(field: "body", message: "the form data is not valid URL encoding")
                }
                return value
            }
            let key = try decode(parts[0])
            values[key] = parts.count > 1 ? try decode(parts[1]) : ""
        }
    }

    public subscript(_ name: String) -> String? { values[name] }

    /// A trimmed value, nil when missing or blank.
    public func text(_ name: String) -> String? {
        let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return value.isEmpty ? nil : value
    }

    public func required(_ name: String, _ message: String) throws -> String {
        guard let value = text(name) else { throw DomainError.invalid(field: name, message: message) }
        return value
    }
}
