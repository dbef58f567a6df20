enum ReconcilePlaceholder {}
