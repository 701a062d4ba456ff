import Foundation
import HTTPTypes
public import Hummingbird
import HummingbirdAuth
import KetaBridgeCore
import Logging
import NIOCore
import NIOFoundationCompat

/// JSON in and out of the API, with errors that name the field (DESIGN.md §5: camelCase keys, ISO 8601 instants).
public enum JSONInput {
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// Reads the body (1 MiB at most: larger is 413) and decodes it; any problem is a 400 naming the field.
    public static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw DomainError.invalid(field: "body", message: "expected a JSON object") }
        do {
            return try decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw describe(error)
        }
    }

    static func describe(_ error: DecodingError) -> DomainError {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let all = keys + (last.map { [$0] } ?? [])
            return all.isEmpty ? "body" : all.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalid(field: path(context.codingPath, key), message: "is required")
        case .typeMismatch(let type, let context):
            return .invalid(field: path(context.codingPath), message: "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return .invalid(field: path(context.codingPath), message: "expected \(describe(type)), got null")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            return .invalid(field: field, message: field == "body" ? "the body is not valid JSON" : context.debugDescription)
        @unknown default:
            return .invalid(field: "body", message: "the body could not be read")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "a value of type \(type)"
        }
    }
}

/// JSON responses.
public enum JSONOutput {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
    }
}
