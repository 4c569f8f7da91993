package tui

import (
	"fmt"
	"testing"
)

func TestWholePercentsAddUp(t *testing.T) {
	for _, tt := range []struct {
		in   []float64
		want []int
	}{
		{[]float64{1.0 / 3, 1.0 / 3, 1.0 / 3}, []int{34, 33, 33}},
		{[]float64{0.125, 0.125, 0.75}, []int{13, 12, 75}},
		{[]float64{0.455, 0.455, 0.09}, []int{46, 45, 9}},
		{[]float64{0.5, 0.2}, []int{50, 20}}, // not a whole: as rounded
		{nil, []int{}},
	} {
		got := wholePercents(tt.in)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("wholePercents(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
