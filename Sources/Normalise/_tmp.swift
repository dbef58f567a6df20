enum NormalisePlaceholder {}
