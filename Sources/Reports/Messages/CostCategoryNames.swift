import Results

/// The names of the cost categories that rbm ships (the canonical values of `costCategory` in
/// `Pipeline/Defaults/defaults.yaml`), in each language of the catalogues: a message says
/// `Contractual services`, not the internal sub-code `NONSTAFF.CON`. Each name is one of the
/// shipped aliases of its code (a test keeps them equal). A code a pipeline file adds itself has no
/// name here and is shown as it is.
enum CostCategoryNames {
    static let english: [String: String] = [
        "STAFF": "Staff", "NONSTAFF": "Non-staff",
        "STAFF.SAL": "Staff costs", "STAFF.OTH": "Other staff costs",
        "NONSTAFF.TRV": "Travel on duty", "NONSTAFF.CON": "Contractual services",
        "NONSTAFF.REN": "Rental and maintenance of premises and equipment", "NONSTAFF.MAT": "Materials and supplies",
        "NONSTAFF.ACQ": "Acquisition of premises, furniture and equipment", "NONSTAFF.UTL": "Public and internal service utilities",
        "NONSTAFF.AUD": "Audit and inter-agency fees and miscellaneous", "NONSTAFF.RET": "Retired staff",
    ]

    static let french: [String: String] = [
        "STAFF": "Dépenses de personnel", "NONSTAFF": "Hors personnel",
        "STAFF.SAL": "Dépenses de personnel permanent", "STAFF.OTH": "Autres dépenses de personnel",
        "NONSTAFF.TRV": "Voyages en mission", "NONSTAFF.CON": "Services contractuels",
        "NONSTAFF.REN": "Location et entretien des locaux et du matériel", "NONSTAFF.MAT": "Fournitures et accessoires",
        "NONSTAFF.ACQ": "Acquisition de locaux, de mobilier et de matériel", "NONSTAFF.UTL": "Services publics et internes",
        "NONSTAFF.AUD": "Frais d'audit, frais interinstitutions et divers", "NONSTAFF.RET": "Personnel retraité",
    ]

    static let spanish: [String: String] = [
        "STAFF": "Gastos de personal", "NONSTAFF": "Gastos no relacionados con el personal",
        "STAFF.SAL": "Sueldos del personal", "STAFF.OTH": "Otros gastos de personal",
        "NONSTAFF.TRV": "Viajes en comisión de servicio", "NONSTAFF.CON": "Servicios contractuales",
        "NONSTAFF.REN": "Alquiler y mantenimiento de locales y equipos", "NONSTAFF.MAT": "Materiales y suministros",
        "NONSTAFF.ACQ": "Adquisición de locales, mobiliario y equipos", "NONSTAFF.UTL": "Servicios públicos e internos",
        "NONSTAFF.AUD": "Honorarios de auditoría e interinstitucionales y varios", "NONSTAFF.RET": "Personal jubilado",
    ]

    /// The category's name in `names`, else its code as read.
    static func name(of category: CostCategory, in names: [String: String]) -> String {
        names[category.code] ?? category.code
    }

    /// `R.1-3 Staff RB`, `ITU summary`: the words a FIN-006 message starts with.
    static func label(of row: BienniumRow, names: [String: String], summary: (Bureau) -> String) -> String {
        switch row {
        case .budgetLine(let output, let category, let funding):
            ([output.text] + (category.map { [name(of: $0, in: names)] } ?? []) + [funding.code]).joined(separator: " ")
        case .summary(let bureau): summary(bureau)
        case .allocation(let output, let funding): "\(output) \(funding.code)"
        }
    }
}
