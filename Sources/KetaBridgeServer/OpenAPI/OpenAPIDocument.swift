import Foundation
import HTTPTypes
import HummingbirdAuth
import KetaBridgeCore
import Logging
import NIOCore
import NIOFoundationCompat

/// OpenAPI 3.1 for every `/api/v1` route, generated from the route catalog so it cannot drift from the router
/// (a test also checks that every API route appears).
enum OpenAPIDocument {
    static func json(_ endpoints: [Endpoint]) throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for endpoint in endpoints where endpoint.surface == .api {
            let (path, parameters) = openAPIPath(endpoint.path)
            var operation: [String: Any] = [
                "summary": endpoint.summary,
                "operationId":
                    "\(endpoint.method.rawValue.lowercased())\(path.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: ""))",
                "responses": responses(endpoint),
                "x-access": endpoint.rule.description,
            ]
            if !parameters.isEmpty {
                operation["parameters"] = parameters.map { ["name": $0, "in": "path", "required": true, "schema": ["type": "string"]] }
            }
            if let request = endpoint.requestSchema {
                operation["requestBody"] = [
                    "required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(request)"]]],
                ]
            }
            if endpoint.rule.roles == nil { operation["security"] = [] as [Any] }
            paths[path, default: [:]][endpoint.method.rawValue.lowercased()] = operation
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "KetaBridge API", "version": KetaBridgeVersion.current,
                "description": "JSON API of KetaBridge. Errors are {\"error\": {\"code\", \"message\"}}.",
            ],
            "servers": [["url": "/"]],
            "paths": paths,
            "security": [["bearer": [] as [Any]]],
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]], "schemas": schemas],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    /// `/api/v1/patients/:patientID` → `/api/v1/patients/{patientID}` and its parameter names.
    static func openAPIPath(_ path: String) -> (String, [String]) {
        var names: [String] = []
        let parts = path.split(separator: "/").map { part -> String in
            guard part.hasPrefix(":") else { return String(part) }
            names.append(String(part.dropFirst()))
            return "{\(part.dropFirst())}"
        }
        return ("/" + parts.joined(separator: "/"), names)
    }

    static func responses(_ endpoint: Endpoint) -> [String: Any] {
        let error: [String: Any] = ["description": "Error", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        var success: [String: Any] = ["description": "Success"]
        if let schema = endpoint.responseSchema {
            success["content"] = ["application/json": ["schema": ["$ref": "#/components/schemas/\(schema)"]]]
        }
        var result: [String: Any] = [String(endpoint.successStatus): success, "400": error]
        if endpoint.rule.roles != nil {
            result["401"] = error
            result["403"] = error
        }
        if endpoint.rule.patientScoped { result["404"] = error }
        return result
    }

    static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }

    static var string: [String: Any] { ["type": "string"] }
    static var nullableString: [String: Any] { ["type": ["string", "null"]] }
    static var integer: [String: Any] { ["type": "integer"] }
    static var instant: [String: Any] { ["type": "string", "format": "date-time"] }
    static func array(_ ref: String) -> [String: Any] { ["type": "array", "items": ["$ref": "#/components/schemas/\(ref)"]] }

    static var patientProperties: [String: Any] {
        [
            "id": string, "clinicId": string, "mrn": string, "givenName": string, "familyName": string,
            "dateOfBirth": ["type": "string", "format": "date"], "sex": ["type": "string", "enum": Sex.allCases.map(\.rawValue)],
            "email": nullableString, "phone": nullableString, "createdAt": instant, "updatedAt": instant,
        ]
    }

    static var schemas: [String: Any] {
        [
            "Error": object(
                ["error": object(["code": string, "message": string, "field": string], required: ["code", "message"])],
                required: ["error"]
            ),
            "Credentials": object(["email": string, "password": string], required: ["email", "password"]),
            "IssuedToken": object(["token": string, "expiresAt": instant, "id": string], required: ["token", "id"]),
            "User": object([
                "id": string, "clinicId": string, "email": string, "name": string, "role": ["type": "string", "enum": Role.allCases.map(\.rawValue)],
                "patientId": nullableString, "active": ["type": "boolean"], "createdAt": instant,
            ]),
            "UserList": array("User"),
            "Patient": object(patientProperties, required: ["id", "mrn", "givenName", "familyName", "dateOfBirth", "sex"]),
            "PatientInput": object(
                [
                    "mrn": string, "givenName": string, "familyName": string, "dateOfBirth": ["type": "string", "format": "date"], "sex": string,
                    "email": string, "phone": string,
                ],
                required: ["mrn", "givenName", "familyName", "dateOfBirth"]
            ),
            "PatientPage": object(["items": array("Patient"), "page": integer, "perPage": integer, "total": integer]),
            "CareTeamMember": object(["patientId": string, "userId": string, "role": string]),
            "CareTeam": array("CareTeamMember"),
            "CareTeamMemberInput": object(
                ["userId": string, "role": ["type": "string", "enum": ["prescriber", "nurse", "therapist"]]],
                required: ["userId", "role"]
            ),
            "PatientWithCareTeam": [
                "allOf": [["$ref": "#/components/schemas/Patient"], object(["careTeam": array("CareTeamMember")])]
            ],
            "TokenInput": object(["userId": string, "name": string, "expiresInDays": integer], required: ["userId", "name"]),
            "Token": object([
                "id": string, "userId": string, "name": string, "createdAt": instant, "expiresAt": instant, "revokedAt": instant,
                "lastUsedAt": instant,
            ]),
            "TokenList": array("Token"),
            "AuditEvent": object([
                "seq": integer, "at": instant, "actorId": nullableString, "actorRole": nullableString,
                "action": ["type": "string", "enum": AuditAction.allCases.map(\.rawValue)],
                "patientId": nullableString, "recordType": string, "recordId": nullableString, "clientAddress": nullableString, "outcome": string,
                "hash": string,
            ]),
            "AuditPage": object(["events": array("AuditEvent"), "page": integer, "perPage": integer, "total": integer]),
        ]
    }
}
