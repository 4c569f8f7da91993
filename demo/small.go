package demo

func (g *gen) small() {}
