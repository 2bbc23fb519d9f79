[{clipboard}]
