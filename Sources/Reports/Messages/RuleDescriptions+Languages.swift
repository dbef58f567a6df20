import Foundation
import Results

/// The rule catalogue's titles and descriptions in French and Spanish, quoting the run's tolerances
/// in each language's number forms (`NumberForms`), as the English ones in `RuleDescriptions` do.
extension RuleDescriptions {
    /// The title and description of `rule` in `language`.
    public static func entry(_ rule: RuleID, language: Language, tolerances: Tolerances = Tolerances()) -> Entry {
        language.rule(rule, tolerances: tolerances)
    }

    /// The French title and description of `rule`.
    public static func french(_ rule: RuleID, tolerances t: Tolerances = Tolerances()) -> Entry {
        let n = NumberForms.french
        func chf(_ amount: Exact) -> String { "CHF \(n.grouped(amount))" }
        func share(_ fraction: Exact) -> String { n.share(fraction) }
        return switch rule {
        case .sub001: Entry(title: "Soumission manquante",
                            description: "Chaque classeur attendu est arrivé et a été accepté : le cadre de résultats, le plan financier, le registre des risques et un plan opérationnel par bureau.")
        case .fin001: Entry(title: "Produit planifié sans ligne budgétaire",
                            description: "Un bureau prévoit des fonds pour un produit et une année que le plan financier ne budgète pas du tout.")
        case .fin002: Entry(title: "Ligne budgétaire sans allocation",
                            description: "Le plan financier budgète un produit et une année que le plan opérationnel de son bureau n’alloue pas.")
        case .fin003: Entry(title: "Montant différent par produit et par année",
                            description: "Les montants du budget ordinaire du plan opérationnel et du plan financier pour un produit et une année diffèrent de plus de \(chf(t.amountAbs)) et \(share(t.amountRel)) (une erreur au-delà de \(chf(t.amountErrorAbs)) et \(share(t.amountErrorRel))).")
        case .fin004: Entry(title: "Total du bureau différent du plan financier",
                            description: "La somme des allocations du plan opérationnel d’un bureau pour une année diffère du montant du plan financier pour ce bureau (avertissement au-delà de \(share(t.bureauWarnRel)), erreur au-delà de \(share(t.bureauErrorRel))).")
        case .fin005: Entry(title: "Total indiqué différent de la somme de ses lignes",
                            description: "Un total ou sous-total saisi dans un classeur diffère de la somme des lignes qu’il couvre, au-delà de l’arrondi ; les cellules contenant des nombres sous forme de texte, que la fonction SOMME du tableur ignore, sont nommées quand elles expliquent l’écart.")
        case .fin006: Entry(title: "Exercice biennal différent de l’année 1 + l’année 2",
                            description: "Le montant biennal indiqué sur une ligne diffère de la somme de ses deux années, au-delà de l’arrondi.")
        case .fin007: Entry(title: "Montant dans la mauvaise unité",
                            description: "Un montant diffère de l’autre plan d’un facteur d’environ 1 000 : il a été saisi en CHF là où des milliers étaient déclarés, ou l’inverse.")
        case .fin008: Entry(title: "Répartition personnel / hors personnel différente",
                            description: "La part des dépenses de personnel dans le coût d’un produit diffère entre les plans de plus de \(n.plain(t.splitPoints)) points de pourcentage et \(chf(t.splitAbs)).")
        case .fin009: Entry(title: "Coût du personnel par ETP invraisemblable",
                            description: "Les dépenses de personnel divisées par les équivalents temps plein sortent de la fourchette \(chf(t.fteCostMin))-\(n.grouped(t.fteCostMax)) par an : les ETP ou le coût sont peut-être mal saisis.")
        case .fin010: Entry(title: "Fonds extrabudgétaires comptés comme budget ordinaire",
                            description: "Les plans financent un produit sur des catégories de fonds différentes, ou les notes d’une ligne du budget ordinaire, dans un plan opérationnel ou le plan financier, mentionnent un fonds d’affectation spéciale ou une contribution volontaire.")
        case .fin011: Entry(title: "Produit hautement prioritaire sous-financé",
                            description: "Le plan financier couvre moins de \(share(t.priorityWarn)) des besoins d’un produit hautement prioritaire sur l’exercice biennal (une erreur en dessous de \(share(t.priorityError))).")
        case .fin012: Entry(title: "Budget ordinaire et enveloppe",
                            description: "Les lignes du budget ordinaire dépassent l’enveloppe approuvée (une erreur), ou lui sont inférieures de plus de \(share(t.envelopeInfoRel)) (pour information).")
        case .dat001: Entry(title: "Ligne en double",
                            description: "La même clé figure deux fois dans un classeur : une ligne identique est ignorée, une ligne contradictoire n’est pas chargée.")
        case .dat002: Entry(title: "Ligne rejetée à la lecture",
                            description: "Une ligne de données n’a pas pu être chargée : sa première cellule fautive contient une valeur qui ne convient pas à la colonne.")
        case .dat003: Entry(title: "Colonne ou feuille requise manquante",
                            description: "Une feuille ou un tableau Excel nommé par le fichier de pipeline est absent, ou une feuille n’a pas d’en-tête pour une colonne dont le tableau a besoin : le tableau n’a pas été chargé ; le message indique la ligne du fichier de pipeline à modifier.")
        case .rf001: Entry(title: "Produit sous un objectif inconnu",
                           description: "L’objectif du code d’un produit n’existe ni dans le plan stratégique en vigueur ni dans la table de correspondance avec le précédent.")
        case .rf002: Entry(title: "Objectif sous un but inconnu",
                           description: "Un objectif indique un but que le plan stratégique ne comporte pas.")
        case .rf003: Entry(title: "Code du plan précédent",
                           description: "Un produit est codé sous un objectif du plan stratégique précédent ; la table de correspondance donne son successeur ou indique qu’il a été supprimé.")
        case .rf004: Entry(title: "Code en désaccord avec l’objectif ou le bureau indiqué",
                           description: "Une ligne indique un autre objectif ou un autre bureau que celui que donne le code du produit ; le code prévaut.")
        case .rf005: Entry(title: "Produit absent du cadre de résultats",
                           description: "Un produit est planifié ou budgété mais ne figure pas dans la feuille des produits du cadre de résultats.")
        case .kpi001: Entry(title: "ICP sans valeur de référence ou cible",
                            description: "Il manque à un ICP sa valeur ou son année de référence ou cible : ses progrès ne peuvent être calculés ni appréciés.")
        case .kpi002: Entry(title: "ICP en retard",
                            description: "La dernière valeur réelle d’un ICP est en retard ou à risque par rapport à la droite allant de la référence à la cible, ou l’état déclaré dit autre chose.")
        case .rsk001: Entry(title: "Risque élevé sans atténuation",
                            description: "Un risque noté \(n.plain(t.riskWarn)) ou plus (probabilité × impact) n’a aucune mesure d’atténuation (une erreur à partir de \(n.plain(t.riskError))).")
        case .rsk002: Entry(title: "Risque lié à rien de connu",
                            description: "Un risque est lié à un objectif ou à un produit qu’aucun plan ni cadre ne comporte.")
        case .rsk003: Entry(title: "Note ou échelle de risque erronée",
                            description: "La probabilité ou l’impact d’un risque sort de l’échelle de 1 à 5, ou sa note indiquée n’est pas probabilité × impact.")
        }
    }

    /// The Spanish title and description of `rule`.
    public static func spanish(_ rule: RuleID, tolerances t: Tolerances = Tolerances()) -> Entry {
        let n = NumberForms.spanish
        func chf(_ amount: Exact) -> String { "CHF \(n.grouped(amount))" }
        func share(_ fraction: Exact) -> String { n.share(fraction) }
        return switch rule {
        case .sub001: Entry(title: "Envío que falta",
                            description: "Cada libro esperado llegó y fue aceptado: el marco de resultados, el plan financiero, el registro de riesgos y un plan operacional por oficina.")
        case .fin001: Entry(title: "Producto planificado sin línea presupuestaria",
                            description: "Una oficina prevé fondos para un producto y un año que el plan financiero no presupuesta en absoluto.")
        case .fin002: Entry(title: "Línea presupuestaria sin asignación",
                            description: "El plan financiero presupuesta un producto y un año que el plan operacional de su oficina no asigna.")
        case .fin003: Entry(title: "Importe distinto por producto y año",
                            description: "Los importes del presupuesto ordinario del plan operacional y del plan financiero para un producto y un año difieren en más de \(chf(t.amountAbs)) y \(share(t.amountRel)) (un error por encima de \(chf(t.amountErrorAbs)) y \(share(t.amountErrorRel))).")
        case .fin004: Entry(title: "Total de la oficina distinto del plan financiero",
                            description: "La suma de las asignaciones del plan operacional de una oficina para un año difiere de la cifra del plan financiero para esa oficina (advertencia por encima del \(share(t.bureauWarnRel)), error por encima del \(share(t.bureauErrorRel))).")
        case .fin005: Entry(title: "Total indicado distinto de la suma de sus filas",
                            description: "Un total o subtotal escrito en un libro difiere de la suma de las filas que abarca, más allá del redondeo; las celdas con números escritos como texto, que la función SUMA de la hoja de cálculo omite, se nombran cuando explican la diferencia.")
        case .fin006: Entry(title: "Bienio distinto del año 1 + el año 2",
                            description: "El importe bienal indicado en una fila difiere de la suma de sus dos años, más allá del redondeo.")
        case .fin007: Entry(title: "Importe en la unidad equivocada",
                            description: "Un importe difiere del otro plan en un factor de aproximadamente 1000: se introdujo en CHF donde se declararon miles, o al revés.")
        case .fin008: Entry(title: "Reparto entre personal y no personal distinto",
                            description: "La parte de gastos de personal en el costo de un producto difiere entre los planes en más de \(n.plain(t.splitPoints)) puntos porcentuales y \(chf(t.splitAbs)).")
        case .fin009: Entry(title: "Costo de personal por ETC inverosímil",
                            description: "Los gastos de personal divididos por los equivalentes a tiempo completo quedan fuera de \(chf(t.fteCostMin))-\(n.grouped(t.fteCostMax)) al año: puede que los ETC o el costo estén mal introducidos.")
        case .fin010: Entry(title: "Fondos extrapresupuestarios contados como presupuesto ordinario",
                            description: "Los planes financian un producto con categorías de fondos distintas, o las notas de una fila del presupuesto ordinario, en un plan operacional o en el plan financiero, mencionan un fondo fiduciario o una contribución voluntaria.")
        case .fin011: Entry(title: "Producto de alta prioridad con financiación insuficiente",
                            description: "El plan financiero cubre menos del \(share(t.priorityWarn)) de las necesidades de un producto de alta prioridad en el bienio (un error por debajo del \(share(t.priorityError))).")
        case .fin012: Entry(title: "Presupuesto ordinario frente a la dotación",
                            description: "Las líneas del presupuesto ordinario superan la dotación aprobada (un error), o quedan más de un \(share(t.envelopeInfoRel)) por debajo de ella (a título informativo).")
        case .dat001: Entry(title: "Fila duplicada",
                            description: "La misma clave aparece dos veces en un libro: una fila idéntica se omite, una contradictoria no se carga.")
        case .dat002: Entry(title: "Fila rechazada en la lectura",
                            description: "No se pudo cargar una fila de datos: su primera celda errónea contiene un valor que no es el que necesita la columna.")
        case .dat003: Entry(title: "Falta una columna u hoja obligatoria",
                            description: "Falta una hoja o una tabla de Excel que nombra el archivo de pipeline, o una hoja no tiene encabezado para una columna que la tabla necesita, por lo que la tabla no se cargó; el mensaje indica la línea del archivo de pipeline que hay que cambiar.")
        case .rf001: Entry(title: "Producto bajo un objetivo desconocido",
                           description: "El objetivo del código de un producto no existe ni en el plan estratégico vigente ni en la tabla de correspondencia con el anterior.")
        case .rf002: Entry(title: "Objetivo bajo una meta desconocida",
                           description: "Un objetivo indica una meta que el plan estratégico no tiene.")
        case .rf003: Entry(title: "Código del plan anterior",
                           description: "Un producto está codificado bajo un objetivo del plan estratégico anterior; la tabla de correspondencia indica su sucesor o que se suprimió.")
        case .rf004: Entry(title: "Código en desacuerdo con el objetivo o la oficina indicados",
                           description: "Una fila indica otro objetivo u otra oficina que los que da el código del producto; prevalece el código.")
        case .rf005: Entry(title: "Producto ausente del marco de resultados",
                           description: "Un producto está planificado o presupuestado pero no figura en la hoja de productos del marco de resultados.")
        case .kpi001: Entry(title: "ICD sin valor de referencia o meta",
                            description: "A un ICD le falta el valor o el año de referencia o de la meta, por lo que su progreso no se puede calcular ni evaluar.")
        case .kpi002: Entry(title: "ICD con retraso",
                            description: "El último valor real de un ICD va con retraso o en riesgo respecto de la línea que va de la referencia a la meta, o su estado notificado dice otra cosa.")
        case .rsk001: Entry(title: "Riesgo alto sin mitigación",
                            description: "Un riesgo con una puntuación de \(n.plain(t.riskWarn)) o más (probabilidad × impacto) no tiene medidas de mitigación (un error a partir de \(n.plain(t.riskError))).")
        case .rsk002: Entry(title: "Riesgo vinculado a nada conocido",
                            description: "Un riesgo está vinculado a un objetivo o producto que ningún plan ni marco tiene.")
        case .rsk003: Entry(title: "Puntuación o escala del riesgo errónea",
                            description: "La probabilidad o el impacto de un riesgo está fuera de la escala de 1 a 5, o su puntuación indicada no es probabilidad × impacto.")
        }
    }
}
