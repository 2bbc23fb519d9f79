Task {capture: id} done; [{capture: none}]
