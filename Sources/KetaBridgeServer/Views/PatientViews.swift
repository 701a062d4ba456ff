import Foundation
import HTTPTypes
import HummingbirdAuth
import KetaBridgeCore
import KetaBridgeStorage
import Logging
import NIOCore
import NIOFoundationCompat

struct PatientRow {
    let href: String
    let name: String
    let mrn: String
    let dateOfBirth: String
    let age: Int
    let sex: String
}

struct Pager {
    let page: Int
    let pageCount: Int
    let total: Int
    let previousHref: String?
    let nextHref: String?

    init<T>(_ page: Page<T>, path: String, query: [String: String]) {
        func href(_ n: Int) -> String {
            var items = query.filter { !$0.value.isEmpty }.map { URLQueryItem(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
            items.append(URLQueryItem(name: "page", value: String(n)))
            var components = URLComponents()
            components.path = path
            components.queryItems = items
            return components.string ?? path
        }
        self.page = page.request.page
        self.pageCount = page.pageCount
        self.total = page.total
        self.previousHref = page.hasPrevious ? href(page.request.page - 1) : nil
        self.nextHref = page.hasNext ? href(page.request.page + 1) : nil
    }
}

struct PatientListPage: PageModel {
    let chrome: Chrome
    let query: String
    let rows: [PatientRow]
    let pager: Pager
    let canCreate: Bool
    let isCaseload: Bool
    let isEmpty: Bool

    init(chrome: Chrome, query: String, page: Page<Patient>, actor: Actor, today: CalendarDate) {
        self.chrome = chrome
        self.query = query
        self.rows = page.items.map { p in
            PatientRow(
                href: "/patients/\(p.id)",
                name: p.displayName,
                mrn: p.mrn,
                dateOfBirth: p.dateOfBirth.description,
                age: p.age(on: today),
                sex: p.sex.title
            )
        }
        self.pager = Pager(page, path: "/patients", query: ["q": query])
        self.canCreate = PatientPages.editors.contains(actor.role)
        self.isCaseload = actor.role == .therapist
        self.isEmpty = rows.isEmpty
    }
}

struct PatientFormPage: PageModel {
    struct Field {
        let name: String
        let label: String
        let value: String
        let type: String
        let error: String?
        let hint: String
        let required: Bool
    }

    let chrome: Chrome
    let action: String
    let fields: [Field]
    let sexOptions: [SelectOption]
    let sexError: String?
    let isNew: Bool
    let hasErrors: Bool

    init(chrome: Chrome, action: String, input: PatientDetails.Input, errors: ValidationErrors, isNew: Bool) {
        self.chrome = chrome
        self.action = action
        self.isNew = isNew
        self.hasErrors = !errors.isEmpty
        func field(_ name: String, _ label: String, _ value: String?, type: String = "text", hint: String = "", required: Bool = true) -> Field {
            Field(name: name, label: label, value: value ?? "", type: type, error: errors.message(for: name), hint: hint, required: required)
        }
        self.fields = [
            field("mrn", "Medical record number", input.mrn, hint: "Letters, digits and dashes, unique in the clinic"),
            field("givenName", "Given name", input.givenName),
            field("familyName", "Family name", input.familyName),
            field("dateOfBirth", "Date of birth", input.dateOfBirth, type: "date", hint: "YYYY-MM-DD"),
            field("email", "E-mail", input.email, type: "email", required: false),
            field("phone", "Phone", input.phone, type: "tel", required: false),
        ]
        let chosen = (input.sex ?? "unknown").lowercased()
        self.sexOptions = Sex.allCases.map { SelectOption(value: $0.rawValue, label: $0.title, selected: $0.rawValue == chosen) }
        self.sexError = errors.message(for: "sex")
    }
}

struct ChartPage: PageModel {
    struct Member {
        let name: String
        let role: String
        let removeAction: String
    }

    let chrome: Chrome
    let patient: Patient
    let age: Int
    let sex: String
    let dateOfBirth: String
    let members: [Member]
    let addOptions: [SelectOption]
    let canEdit: Bool
    let canManageTeam: Bool
    let isOwnRecord: Bool
    let hasMembers: Bool
    let hasAddOptions: Bool

    init(chrome: Chrome, chart: PatientChart, clinicians: [User], actor: Actor, today: CalendarDate) {
        self.chrome = chrome
        self.patient = chart.patient
        self.age = chart.patient.age(on: today)
        self.sex = chart.patient.sex.title
        self.dateOfBirth = chart.patient.dateOfBirth.description
        let names = Dictionary(uniqueKeysWithValues: clinicians.map { ($0.id, $0.name) })
        self.canManageTeam = PatientPages.teamManagers.contains(actor.role)
        self.members = chart.careTeam.map { m in
            Member(
                name: names[m.userId] ?? "Clinician",
                role: m.role.title,
                removeAction: "/patients/\(chart.patient.id)/care-team/\(m.userId)/remove"
            )
        }
        let onTeam = Set(chart.careTeam.map(\.userId))
        self.addOptions = clinicians.filter { !onTeam.contains($0.id) }.map { SelectOption(value: $0.id, label: "\($0.name) — \($0.role.title)") }
        self.canEdit = PatientPages.editors.contains(actor.role)
        self.isOwnRecord = actor.patientId == chart.patient.id
        self.hasMembers = !members.isEmpty
        self.hasAddOptions = !addOptions.isEmpty
    }
}
