print("rbm")
