import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import KetaBridgeCore
import KetaBridgeStorage
import Logging
import NIOCore
import NIOFoundationCompat

/// `/api/v1/patients`: the same operations as the pages, as JSON.
struct PatientAPI {
    let store: KetaBridgeStore

    func addRoutes(to routes: SecureRoutes) {
        routes.api(.get, "/api/v1/patients", .staff, "List and search patients (q = name prefix, MRN or YYYY-MM-DD)", response: "PatientPage") {
            request,
            context in
            let query = request.uri.queryParameters
            let page = PageRequest(page: query.get("page", as: Int.self) ?? 1, perPage: query.get("perPage", as: Int.self) ?? 25)
            let result = try await store.searchPatients(
                query["q"].map(String.init),
                page: page,
                actor: try context.requireActor(),
                client: context.clientAddress
            )
            return try JSONOutput.response(
                PatientPageBody(items: result.items, page: result.request.page, perPage: result.request.perPage, total: result.total)
            )
        }
        routes.api(
            .post,
            "/api/v1/patients",
            .signedIn(PatientPages.editors),
            "Register a patient",
            request: "PatientInput",
            response: "Patient",
            status: 201
        ) {
            request,
            context in
            let details = try await details(request, context)
            let patient = try await store.createPatient(details, actor: try context.requireActor(), client: context.clientAddress)
            return try JSONOutput.response(patient, status: .created)
        }
        routes.api(
            .get,
            "/api/v1/patients/:patientID",
            .patientRecord(PatientPages.chartReaders),
            "A patient with their care team",
            response: "PatientWithCareTeam"
        ) {
            _,
            context in
            let chart = try await chart(context)
            return try JSONOutput.response(PatientWithCareTeam(patient: chart.patient, careTeam: chart.careTeam))
        }
        routes.api(
            .put,
            "/api/v1/patients/:patientID",
            .patientRecord(PatientPages.editors),
            "Update a patient's demographics",
            request: "PatientInput",
            response: "Patient"
        ) {
            request,
            context in
            let details = try await details(request, context)
            let patient = try await store.updatePatient(
                id: try context.parameters.require("patientID"),
                details,
                actor: try context.requireActor(),
                client: context.clientAddress
            )
            return try JSONOutput.response(patient)
        }
        routes.api(
            .get,
            "/api/v1/patients/:patientID/care-team",
            .patientRecord(PatientPages.chartReaders),
            "A patient's care team",
            response: "CareTeam"
        ) {
            _,
            context in
            let chart = try await chart(context)
            return try JSONOutput.response(chart.careTeam)
        }
        routes.api(
            .post,
            "/api/v1/patients/:patientID/care-team",
            .patientRecord(PatientPages.teamManagers),
            "Add a clinician to the care team",
            request: "CareTeamMemberInput",
            status: 204
        ) {
            request,
            context in
            let input = try await JSONInput.decode(CareTeamMemberInput.self, from: request, context: context)
            try await store.addCareTeamMember(
                patientId: try context.parameters.require("patientID"),
                userId: input.userId,
                role: try Role.parse(input.role),
                actor: try context.requireActor(),
                client: context.clientAddress
            )
            return Response(status: .noContent)
        }
        routes.api(
            .delete,
            "/api/v1/patients/:patientID/care-team/:userID",
            .patientRecord(PatientPages.teamManagers),
            "Remove a clinician from the care team",
            status: 204
        ) {
            _,
            context in
            try await store.removeCareTeamMember(
                patientId: try context.parameters.require("patientID"),
                userId: try context.parameters.require("userID"),
                actor: try context.requireActor(),
                client: context.clientAddress
            )
            return Response(status: .noContent)
        }
    }
}

extension PatientAPI {
    /// The chart of the route's patient, access-checked and audited by the store.
    func chart(_ context: AppRequestContext) async throws -> PatientChart {
        try await store.chart(
            patientId: try context.parameters.require("patientID"),
            actor: try context.requireActor(),
            client: context.clientAddress
        )
    }

    /// Demographics from a JSON body; the first invalid field is a 400.
    func details(_ request: Request, _ context: AppRequestContext) async throws -> PatientDetails {
        let input = try await JSONInput.decode(PatientDetails.Input.self, from: request, context: context)
        return try PatientDetails.validate(input, today: CalendarDate(store.clock.now)).get()
    }
}

struct PatientPageBody: Encodable {
    let items: [Patient]
    let page: Int
    let perPage: Int
    let total: Int
}

struct PatientWithCareTeam: Encodable {
    let patient: Patient
    let careTeam: [CareTeamMember]

    enum Keys: String, CodingKey { case careTeam }

    func encode(to encoder: any Encoder) throws {
        try patient.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(careTeam, forKey: .careTeam)
    }
}

struct CareTeamMemberInput: Decodable {
    let userId: String
    let role: String
}
