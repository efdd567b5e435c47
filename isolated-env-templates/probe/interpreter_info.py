print("probe placeholder")
