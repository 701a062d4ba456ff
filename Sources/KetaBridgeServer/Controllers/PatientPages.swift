import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import KetaBridgeCore
import KetaBridgeStorage
import Logging
import NIOCore
import NIOFoundationCompat

/// Patient list, registration, chart and care team pages.
struct PatientPages {
    /// Who may register and edit patients.
    static let editors: Set<Role> = [.admin, .prescriber, .nurse]
    /// Who may change a care team.
    static let teamManagers: Set<Role> = [.admin, .prescriber]
    /// Who may open a chart (patients only their own, therapists only their caseload: `PatientAccess`).
    static let chartReaders: Set<Role> = Set(Role.allCases)

    let store: KetaBridgeStore
    let views: Views

    func addRoutes(to routes: SecureRoutes) {
        routes.html(.get, "/patients", .staff, "Patient list and search") { request, context in
            let actor = try context.requireActor()
            let q = request.uri.queryParameters["q"].map(String.init) ?? ""
            let page = PageRequest(page: request.uri.queryParameters.get("page", as: Int.self) ?? 1, perPage: 25)
            let result = try await store.searchPatients(q, page: page, actor: actor, client: context.clientAddress)
            return views.render(
                "patients",
                PatientListPage(chrome: Chrome(context, title: "Patients", current: "/patients"), query: q, page: result, actor: actor, today: today)
            )
        }
        routes.html(.get, "/patients/new", .signedIn(Self.editors), "New patient form") { _, context in
            views.render(
                "patient_form",
                PatientFormPage(
                    chrome: Chrome(context, title: "Register a patient"),
                    action: "/patients",
                    input: .init(),
                    errors: .init(),
                    isNew: true
                )
            )
        }
        routes.html(.post, "/patients", .signedIn(Self.editors), "Register a patient") { _, context in
            try await save(patientId: nil, context: context)
        }
        routes.html(.get, "/patients/:patientID", .patientRecord(Self.chartReaders), "Patient chart") { _, context in
            let actor = try context.requireActor()
            let chart = try await store.chart(patientId: try context.parameters.require("patientID"), actor: actor, client: context.clientAddress)
            let clinicians = actor.role == .patient ? [] : try await store.users(clinicId: actor.clinicId, roles: Role.clinicians)
            return views.render(
                "chart",
                ChartPage(chrome: Chrome(context, title: chart.patient.displayName), chart: chart, clinicians: clinicians, actor: actor, today: today)
            )
        }
        routes.html(.get, "/patients/:patientID/edit", .patientRecord(Self.editors), "Edit patient form") { _, context in
            let chart = try await store.chart(
                patientId: try context.parameters.require("patientID"),
                actor: try context.requireActor(),
                client: context.clientAddress
            )
            return views.render(
                "patient_form",
                PatientFormPage(
                    chrome: Chrome(context, title: "Edit \(chart.patient.displayName)"),
                    action: "/patients/\(chart.patient.id)",
                    input: chart.patient.details.input,
                    errors: .init(),
                    isNew: false
                )
            )
        }
        routes.html(.post, "/patients/:patientID", .patientRecord(Self.editors), "Update a patient") { _, context in
            try await save(patientId: try context.parameters.require("patientID"), context: context)
        }
        routes.html(.post, "/patients/:patientID/care-team", .patientRecord(Self.teamManagers), "Add a care team member") { _, context in
            let id = try context.parameters.require("patientID")
            let userId = try context.form.required("userId", "choose a clinician")
            let user = try await store.user(id: userId)
            guard let user else { throw DomainError.invalid(field: "userId", message: "choose a clinician") }
            try await store.addCareTeamMember(
                patientId: id,
                userId: userId,
                role: user.role,
                actor: try context.requireActor(),
                client: context.clientAddress
            )
            return .redirect(to: "/patients/\(id)#care-team", type: .normal)
        }
        routes.html(.post, "/patients/:patientID/care-team/:userID/remove", .patientRecord(Self.teamManagers), "Remove a care team member") {
            _,
            context in
            let id = try context.parameters.require("patientID")
            try await store.removeCareTeamMember(
                patientId: id,
                userId: try context.parameters.require("userID"),
                actor: try context.requireActor(),
                client: context.clientAddress
            )
            return .redirect(to: "/patients/\(id)#care-team", type: .normal)
        }
    }

    var today: CalendarDate { CalendarDate(store.clock.now) }

    /// Registers (`patientId` nil) or updates a patient from the posted form; problems re-render the form inline.
    func save(patientId: String?, context: AppRequestContext) async throws -> Response {
        let input = Self.input(from: context.form)
        func form(_ errors: ValidationErrors, _ status: HTTPResponse.Status) -> Response {
            views.render(
                "patient_form",
                PatientFormPage(
                    chrome: Chrome(context, title: patientId == nil ? "Register a patient" : "Edit patient"),
                    action: patientId.map { "/patients/\($0)" } ?? "/patients",
                    input: input,
                    errors: errors,
                    isNew: patientId == nil
                ),
                status: status
            )
        }
        let details: PatientDetails
        switch PatientDetails.validate(input, today: today) {
        case .failure(let errors): return form(errors, .badRequest)
        case .success(let valid): details = valid
        }
        let actor = try context.requireActor()
        do {
            let saved =
                if let patientId {
                    try await store.updatePatient(id: patientId, details, actor: actor, client: context.clientAddress)
                } else {
                    try await store.createPatient(details, actor: actor, client: context.clientAddress)
                }
            return .redirect(to: "/patients/\(saved.id)", type: .normal)
        } catch DomainError.duplicate(let field) {
            var errors = ValidationErrors()
            errors.add(field, "another patient of this clinic already has this \(field == "mrn" ? "MRN" : field)")
            return form(errors, .conflict)
        }
    }

    static func input(from form: FormFields) -> PatientDetails.Input {
        PatientDetails.Input(
            mrn: form["mrn"],
            givenName: form["givenName"],
            familyName: form["familyName"],
            dateOfBirth: form["dateOfBirth"],
            sex: form["sex"],
            email: form["email"],
            phone: form["phone"]
        )
    }
}
